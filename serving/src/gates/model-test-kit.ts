import type { FeatureRecord } from '@driftlab/contracts';
import type { Predictor } from '../models';

/*
 * The building blocks of the per-world model tests (model-tests.ts): one helper per kind of test,
 * each written against payload records as clients send them, and `worldSuite`, which puts a world's
 * tests together. See serving/docs/gates.md to add a test.
 */

export type ModelTestKind = 'minimum-functionality' | 'directional' | 'invariance';

export interface ModelTestOutcome {
  readonly passed: boolean;
  /** What was compared, with the numbers; on failure the first counterexample. */
  readonly detail: string;
}

export interface ModelTest {
  readonly name: string;
  readonly kind: ModelTestKind;
  run(predictor: Predictor): ModelTestOutcome;
}

/** Slack for floating-point noise in "never lowers" and "changes nothing" comparisons. */
const EPS = 1e-12;

export const fmt = (v: number): string =>
  Number.isFinite(v) ? String(Math.round(v * 1e4) / 1e4) : String(v);
export const showRecord = (r: FeatureRecord): string => JSON.stringify(r);

/** A custom test: `check` returns whether it passed, or a full outcome. */
export function modelTest(
  name: string,
  kind: ModelTestKind,
  check: (predictor: Predictor) => boolean | ModelTestOutcome,
): ModelTest {
  return {
    name,
    kind,
    run(predictor) {
      const r = check(predictor);
      return typeof r === 'boolean' ? { passed: r, detail: r ? 'as expected' : 'not as expected' } : r;
    },
  };
}

/** Minimum functionality: `higher` scores strictly above `lower` (by at least `margin`). */
export function scoresAbove(
  name: string,
  higher: FeatureRecord,
  lower: FeatureRecord,
  margin = 0,
): ModelTest {
  return modelTest(name, 'minimum-functionality', (p) => {
    const hi = p.scoreRecord(higher);
    const lo = p.scoreRecord(lower);
    const passed = hi - lo > margin;
    return {
      passed,
      detail: `${fmt(hi)} vs ${fmt(lo)}: ${passed ? 'higher' : 'NOT higher'}${margin > 0 ? ` by more than ${margin}` : ''}`,
    };
  });
}

export type SweepDirection = 'non-decreasing' | 'non-increasing';

/**
 * Directional expectation: for every base record, setting `feature` to each of `values` in turn
 * (all else equal) gives scores that never go down ('non-decreasing') or never go up
 * ('non-increasing'). Values may be numbers or category names, in the order that matters.
 */
export function directional(
  name: string,
  bases: readonly FeatureRecord[],
  feature: string,
  values: readonly (number | string)[],
  direction: SweepDirection,
): ModelTest {
  return modelTest(name, 'directional', (p) => {
    for (const base of bases) {
      let previous = NaN;
      for (let i = 0; i < values.length; i++) {
        const s = p.scoreRecord({ ...base, [feature]: values[i] });
        if (!Number.isFinite(s)) return { passed: false, detail: `score ${s} at ${feature} = ${values[i]}` };
        const wrong = direction === 'non-decreasing' ? s < previous - EPS : s > previous + EPS;
        if (i > 0 && wrong) {
          return {
            passed: false,
            detail:
              `${feature} ${values[i - 1]} → ${values[i]} moved the score ${fmt(previous)} → ${fmt(s)} ` +
              `(expected ${direction}) for ${showRecord(base)}`,
          };
        }
        previous = s;
      }
    }
    return {
      passed: true,
      detail: `${direction} in ${feature} over ${values.join(', ')} for ${bases.length} base record(s)`,
    };
  });
}

/**
 * Invariance: for every base record, each change (a partial record merged over it) moves the score
 * by at most `tolerance` (0: not at all, up to floating-point noise).
 */
export function invariant(
  name: string,
  bases: readonly FeatureRecord[],
  changes: readonly FeatureRecord[],
  tolerance = 0,
): ModelTest {
  return modelTest(name, 'invariance', (p) => {
    let worst = 0;
    for (const base of bases) {
      const s0 = p.scoreRecord(base);
      for (const change of changes) {
        const s = p.scoreRecord({ ...base, ...change });
        const d = Math.abs(s - s0);
        if (!(d <= tolerance + EPS)) {
          return {
            passed: false,
            detail: `${showRecord(change)} moved the score ${fmt(s0)} → ${fmt(s)} (|Δ| > ${tolerance}) for ${showRecord(base)}`,
          };
        }
        worst = Math.max(worst, d);
      }
    }
    return {
      passed: true,
      detail: `largest |Δ| ${fmt(worst)} ≤ ${tolerance} over ${bases.length} base record(s)`,
    };
  });
}

/** The same value of `feature` for each of `values`, as changes for `invariant`. */
export const eachValue = (feature: string, values: readonly (number | string)[]): FeatureRecord[] =>
  values.map((v) => ({ [feature]: v }));

/** A directional test of a suite, run over the suite's base records (see `directional`). */
export interface Sweep {
  readonly name: string;
  readonly feature: string;
  readonly values: readonly (number | string)[];
  readonly direction: SweepDirection;
}

/** One world's tests, by kind; `bases` are typical payloads of the world. */
export interface WorldSuite {
  readonly bases: readonly FeatureRecord[];
  readonly minimumFunctionality: readonly ModelTest[];
  readonly directional?: readonly Sweep[];
  readonly invariance?: readonly ModelTest[];
}

/**
 * A world's suite as the gates run it: minimum functionality, then each sweep as a directional
 * test over the base records, then invariance, closed by the test every world must pass: its
 * payloads may carry fields the schema does not know, and they change nothing.
 */
export function worldSuite(suite: WorldSuite): ModelTest[] {
  const { bases } = suite;
  return [
    ...suite.minimumFunctionality,
    ...(suite.directional ?? []).map((s) => directional(s.name, bases, s.feature, s.values, s.direction)),
    ...(suite.invariance ?? []),
    invariant('an unknown extra field (nickname) changes nothing', bases, [
      { nickname: 'Bobby' },
      { nickname: '' },
    ]),
  ];
}
