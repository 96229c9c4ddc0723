import type { Metrics } from '@driftlab/contracts';
import { loadModel, type Predictor } from '../models';
import type { Deployment, ModelRegistry } from '../registry';
import { modelTests, type ModelTestKind } from './model-tests';

/*
 * Promotion gates: a candidate version serves only if its holdout quality is no worse than the
 * serving version's beyond a tolerance and it passes every model test of its world
 * (model-tests.ts, one suite per world in suites/). The results are stored with the version (registry.recordGates), so a failed
 * candidate is listed as 'rejected'. See serving/docs/gates.md.
 */

export interface GateTolerance {
  /** Classification: largest allowed drop of holdout accuracy, absolute (default 0.01). */
  readonly accuracyDrop: number;
  /** Regression: largest allowed rise of holdout MAE, relative (default 0.05, i.e. 5 %). */
  readonly maeRise: number;
}

export const DEFAULT_GATE_TOLERANCE: GateTolerance = Object.freeze({ accuracyDrop: 0.01, maeRise: 0.05 });

export type GateCheckKind = 'quality' | ModelTestKind;

export interface GateCheck {
  readonly name: string;
  readonly kind: GateCheckKind;
  readonly passed: boolean;
  readonly detail: string;
}

/**
 * What the gates found: `passed` only when every check passed. Stored as the version's gate
 * results (it satisfies the registry's GateResults: plain JSON with a verdict).
 */
export interface GateReport {
  readonly passed: boolean;
  readonly checks: readonly GateCheck[];
  /** The serving version the quality was compared with, when the registry was asked. */
  readonly comparedWith?: number | null;
  readonly tolerance: GateTolerance;
  /** ISO time of the evaluation. */
  readonly evaluatedAt: string;
  readonly [key: string]: unknown;
}

export interface GateInput {
  /** The world, which is also the model's name: picks the model tests. */
  readonly world: string;
  /** The candidate's artifact (as stored) and metrics (ModelMetrics, or just its holdout Metrics). */
  readonly candidate: { readonly artifact: unknown; readonly metrics: unknown };
  /** The serving version's metrics; without it the quality check has nothing to compare with. */
  readonly current?: { readonly metrics: unknown } | null;
  readonly tolerance?: Partial<GateTolerance>;
  /** The clock for `evaluatedAt` (default: the wall clock). */
  readonly now?: () => Date;
}

/** Runs every gate on a candidate; never throws for a bad candidate, it fails a check instead. */
export function evaluateGates(input: GateInput): GateReport {
  const tolerance: GateTolerance = { ...DEFAULT_GATE_TOLERANCE, ...input.tolerance };
  const checks: GateCheck[] = [qualityCheck(input, tolerance)];

  let predictor: Predictor | null = null;
  try {
    predictor = loadModel(input.candidate.artifact);
    if (predictor.world !== input.world)
      throw new Error(`the artifact is a model of "${predictor.world}", not "${input.world}"`);
  } catch (e) {
    predictor = null;
    checks.push({
      name: 'the artifact loads',
      kind: 'minimum-functionality',
      passed: false,
      detail: message(e),
    });
  }
  if (predictor) {
    for (const test of modelTests(input.world)) {
      let outcome;
      try {
        outcome = test.run(predictor);
      } catch (e) {
        outcome = { passed: false, detail: `threw: ${message(e)}` };
      }
      checks.push({ name: test.name, kind: test.kind, passed: outcome.passed, detail: outcome.detail });
    }
  }
  return {
    passed: checks.every((c) => c.passed),
    checks,
    tolerance,
    evaluatedAt: (input.now ?? (() => new Date()))().toISOString(),
  };
}

export interface PromoteWithGatesOptions {
  readonly tolerance?: Partial<GateTolerance>;
  /** The deployment reason, when the candidate passes. */
  readonly reason: string;
  readonly now?: () => Date;
}

export interface GatedPromotion {
  readonly promoted: boolean;
  readonly results: GateReport;
  /** The promotion, when there was one. */
  readonly deployment: Deployment | null;
}

/**
 * Evaluates `version` of `model` against the serving version and stores the results with the
 * version (recordGates), without promoting it. When the candidate's metrics carry the serving
 * version's quality on the candidate's own holdout (`comparison`, written by a retrain), the two
 * are compared on that same data: a retrain on recent, drifted traffic is judged against how the
 * serving version does on that traffic, not against its old holdout.
 */
export function evaluateVersionGates(
  registry: ModelRegistry,
  model: string,
  version: number,
  options: Omit<PromoteWithGatesOptions, 'reason'> = {},
): GateReport {
  const candidate = registry.version(model, version);
  const serving = registry.current(model);
  const current = serving && serving.version !== version ? serving : null;
  const comparison = comparisonOf(candidate.metrics);
  const currentMetrics =
    current && comparison && comparison.version === current.version
      ? { holdout: comparison.holdout }
      : current?.metrics;
  const evaluated = evaluateGates({
    world: model,
    candidate: { artifact: candidate.artifact(), metrics: candidate.metrics },
    current: current ? { metrics: currentMetrics } : null,
    tolerance: options.tolerance,
    now: options.now,
  });
  const results: GateReport = { ...evaluated, comparedWith: current?.version ?? null };
  registry.recordGates(model, version, results);
  return results;
}

/**
 * Evaluates `version` of `model` (evaluateVersionGates) and promotes it only if every gate
 * passed. Registry errors (unknown version, promoting an older version…) are thrown as they are.
 */
export function promoteWithGates(
  registry: ModelRegistry,
  model: string,
  version: number,
  options: PromoteWithGatesOptions,
): GatedPromotion {
  registry.checkPromotion(model, version);
  const results = evaluateVersionGates(registry, model, version, options);
  if (!results.passed) return { promoted: false, results, deployment: null };
  const deployment = registry.promote(model, version, options.reason);
  return { promoted: true, results, deployment };
}

/** A retrain's record of the serving version's quality on the candidate's holdout. */
export interface HoldoutComparison {
  readonly version: number;
  readonly holdout: Metrics;
}

function comparisonOf(metrics: unknown): HoldoutComparison | null {
  const c = (metrics as { comparison?: HoldoutComparison } | null)?.comparison;
  return c && typeof c.version === 'number' && c.holdout && typeof c.holdout === 'object' ? c : null;
}

/** The failed checks' names, for a log line or an error message. */
export function failedChecks(results: GateReport): string[] {
  return results.checks.filter((c) => !c.passed).map((c) => c.name);
}

function qualityCheck(input: GateInput, tolerance: GateTolerance): GateCheck {
  const candidate = holdoutOf(input.candidate.metrics);
  if (!candidate) return quality('holdout quality', false, 'the candidate has no holdout metrics');
  const current = input.current ? holdoutOf(input.current.metrics) : null;
  if (candidate.task === 'classification') {
    const name = 'holdout accuracy no worse than serving';
    if (!Number.isFinite(candidate.accuracy))
      return quality(name, false, `candidate accuracy ${candidate.accuracy}`);
    if (!current || current.task !== 'classification')
      return noComparison(name, `candidate accuracy ${round(candidate.accuracy)}`, input, current);
    const drop = current.accuracy - candidate.accuracy;
    const passed = drop <= tolerance.accuracyDrop + 1e-12;
    return quality(
      name,
      passed,
      `accuracy ${round(candidate.accuracy)} vs serving ${round(current.accuracy)}: ` +
        `drop ${round(drop)} ${passed ? '≤' : '>'} ${tolerance.accuracyDrop}`,
    );
  }
  const name = 'holdout MAE no worse than serving';
  if (!Number.isFinite(candidate.mae)) return quality(name, false, `candidate MAE ${candidate.mae}`);
  if (!current || current.task !== 'regression')
    return noComparison(name, `candidate MAE ${round(candidate.mae)}`, input, current);
  const limit = current.mae * (1 + tolerance.maeRise);
  const passed = candidate.mae <= limit + 1e-12;
  return quality(
    name,
    passed,
    `MAE ${round(candidate.mae)} vs serving ${round(current.mae)}: ` +
      `${passed ? '≤' : '>'} ${round(limit)} (+${tolerance.maeRise * 100} %)`,
  );
}

function noComparison(name: string, candidate: string, input: GateInput, current: Metrics | null): GateCheck {
  if (input.current && current)
    return quality(
      name,
      false,
      `${candidate}; the serving version's metrics are for another task (${current.task})`,
    );
  return quality(
    name,
    true,
    `${candidate}; ${input.current ? 'the serving version has no holdout metrics' : 'nothing serves yet'}, so nothing to compare with`,
  );
}

const quality = (name: string, passed: boolean, detail: string): GateCheck => ({
  name,
  kind: 'quality',
  passed,
  detail,
});

/** The holdout Metrics of stored metrics: ModelMetrics ({ holdout, … }) or Metrics themselves. */
function holdoutOf(metrics: unknown): Metrics | null {
  if (typeof metrics !== 'object' || metrics === null) return null;
  const m = (metrics as { holdout?: unknown }).holdout ?? metrics;
  if (typeof m !== 'object' || m === null) return null;
  const task = (m as { task?: unknown }).task;
  return task === 'classification' || task === 'regression' ? (m as Metrics) : null;
}

const round = (v: number): number => Math.round(v * 1e4) / 1e4;
const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));
