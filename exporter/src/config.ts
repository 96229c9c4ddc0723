import { DRIFT_METHODS, type ColumnTestOptions, type DriftMethod } from './drift';
import { DEFAULT_DRIFT_WINDOW } from './monitor/model-monitor';
import { DEFAULT_LABEL_COVERAGE, type LabelCoverageSpec } from './quality';
import { QUALITY_TARGET_METRICS, type QualityTarget } from './quality-target';
import { checkWindowSpec, DEFAULT_WINDOWS, type WindowSpec } from './windows';

/*
 * The monitoring configuration a tutor may give `driftlab start --monitoring <file>`:
 *
 *   windows:                      # quality windows, each by count or by time
 *     - { count: 500 }
 *     - { count: 5000 }
 *     - { seconds: 3600, capacity: 50000 }
 *   drift_window: 2000            # instances drift and data quality are computed over
 *   label_coverage:               # coverage counts the predictions made between wait + span and wait ago
 *     { wait: 1800, span: 1800 }  #   seconds: labels are given `wait` to arrive
 *   drift_tests:                  # per model and feature, instead of the default test
 *     credit:
 *       annual_income: { method: ks, threshold: 0.01 }
 *   quality_targets:              # per model, instead of the default from its holdout metrics
 *     credit: { accuracy: 0.8 }
 *     delivery: { mean_absolute_error: 9 }
 *
 * Every field is optional; a bad one is reported with its path and what was expected.
 */

export interface MonitoringConfig {
  readonly windows: readonly WindowSpec[];
  readonly driftWindow: number;
  readonly labelCoverage: LabelCoverageSpec;
  readonly columnTests: Readonly<Record<string, Readonly<Record<string, ColumnTestOptions>>>>;
  /** Per model, the quality its alerts and dashboards hold it to (see quality-target.ts). */
  readonly qualityTargets: Readonly<Record<string, QualityTarget>>;
}

export const DEFAULT_MONITORING: MonitoringConfig = {
  windows: DEFAULT_WINDOWS,
  driftWindow: DEFAULT_DRIFT_WINDOW,
  labelCoverage: DEFAULT_LABEL_COVERAGE,
  columnTests: {},
  qualityTargets: {},
};

export class ConfigError extends Error {
  constructor(
    readonly field: string,
    expected: string,
    got: unknown,
  ) {
    super(`${field}: expected ${expected}, got ${JSON.stringify(got) ?? 'nothing'}`);
    this.name = 'ConfigError';
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function unknownKeys(o: Record<string, unknown>, allowed: readonly string[], at: string): void {
  for (const key of Object.keys(o))
    if (!allowed.includes(key))
      throw new ConfigError(`${at}.${key}`, `one of the fields ${allowed.join(', ')}`, key);
}

function positiveInteger(v: unknown, field: string): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1)
    throw new ConfigError(field, 'a positive whole number', v);
  return v;
}

function window(v: unknown, at: string): WindowSpec {
  if (!isObject(v)) throw new ConfigError(at, '{count: n} or {seconds: s, capacity: n}', v);
  let spec: WindowSpec;
  if ('count' in v) {
    unknownKeys(v, ['count'], at);
    spec = { kind: 'count', size: positiveInteger(v.count, `${at}.count`) };
  } else if ('seconds' in v) {
    unknownKeys(v, ['seconds', 'capacity'], at);
    const seconds = v.seconds;
    if (typeof seconds !== 'number' || !(seconds > 0))
      throw new ConfigError(`${at}.seconds`, 'a positive number of seconds', seconds);
    spec = {
      kind: 'time',
      spanSeconds: seconds,
      capacity: positiveInteger(v.capacity ?? 100_000, `${at}.capacity`),
    };
  } else throw new ConfigError(at, '{count: n} or {seconds: s, capacity: n}', v);
  checkWindowSpec(spec, at);
  return spec;
}

function columnTest(v: unknown, at: string): ColumnTestOptions {
  if (!isObject(v)) throw new ConfigError(at, '{method, threshold}', v);
  unknownKeys(v, ['method', 'threshold'], at);
  const method = v.method;
  if (method !== undefined && !DRIFT_METHODS.includes(method as DriftMethod))
    throw new ConfigError(`${at}.method`, `one of ${DRIFT_METHODS.join(', ')}`, method);
  const threshold = v.threshold;
  if (threshold !== undefined && (typeof threshold !== 'number' || !(threshold > 0)))
    throw new ConfigError(`${at}.threshold`, 'a positive number', threshold);
  return {
    ...(method ? { method: method as DriftMethod } : {}),
    ...(threshold !== undefined ? { threshold } : {}),
  };
}

/** Checks a parsed configuration (from YAML or JSON) and fills in the defaults. */
export function monitoringConfig(raw: unknown): MonitoringConfig {
  if (raw === undefined || raw === null) return DEFAULT_MONITORING;
  if (!isObject(raw))
    throw new ConfigError(
      '(top level)',
      'a mapping of windows, drift_window, label_coverage, drift_tests, quality_targets',
      raw,
    );
  unknownKeys(
    raw,
    ['windows', 'drift_window', 'label_coverage', 'drift_tests', 'quality_targets'],
    '(top level)',
  );
  const windows = raw.windows === undefined ? DEFAULT_WINDOWS : raw.windows;
  if (!Array.isArray(windows) || windows.length === 0)
    throw new ConfigError('windows', 'a non-empty list of windows', windows);
  const specs = Array.isArray(raw.windows)
    ? raw.windows.map((w, i) => window(w, `windows[${i}]`))
    : DEFAULT_WINDOWS;
  const driftWindow =
    raw.drift_window === undefined ? DEFAULT_DRIFT_WINDOW : positiveInteger(raw.drift_window, 'drift_window');
  const columnTests: Record<string, Record<string, ColumnTestOptions>> = {};
  if (raw.drift_tests !== undefined) {
    if (!isObject(raw.drift_tests))
      throw new ConfigError(
        'drift_tests',
        'a mapping of model to feature to {method, threshold}',
        raw.drift_tests,
      );
    for (const [model, features] of Object.entries(raw.drift_tests)) {
      if (!isObject(features))
        throw new ConfigError(
          `drift_tests.${model}`,
          'a mapping of feature to {method, threshold}',
          features,
        );
      columnTests[model] = {};
      for (const [feature, test] of Object.entries(features))
        columnTests[model][feature] = columnTest(test, `drift_tests.${model}.${feature}`);
    }
  }
  return {
    windows: specs,
    driftWindow,
    labelCoverage: labelCoverage(raw.label_coverage),
    columnTests,
    qualityTargets: qualityTargets(raw.quality_targets),
  };
}

function labelCoverage(v: unknown): LabelCoverageSpec {
  if (v === undefined) return DEFAULT_LABEL_COVERAGE;
  const expected = '{wait: seconds, span: seconds}';
  if (!isObject(v)) throw new ConfigError('label_coverage', expected, v);
  unknownKeys(v, ['wait', 'span'], 'label_coverage');
  const { wait = DEFAULT_LABEL_COVERAGE.waitSeconds, span = DEFAULT_LABEL_COVERAGE.spanSeconds } = v;
  if (typeof wait !== 'number' || !(wait >= 0) || !Number.isFinite(wait))
    throw new ConfigError('label_coverage.wait', 'a number of seconds, 0 or more', wait);
  if (typeof span !== 'number' || !(span >= 60) || !Number.isFinite(span))
    throw new ConfigError('label_coverage.span', 'a number of seconds, at least 60', span);
  return { waitSeconds: wait, spanSeconds: span };
}

function qualityTargets(v: unknown): Record<string, QualityTarget> {
  if (v === undefined) return {};
  const expected = `a mapping of model to {${QUALITY_TARGET_METRICS.join(' or ')}: number}`;
  if (!isObject(v)) throw new ConfigError('quality_targets', expected, v);
  const targets: Record<string, QualityTarget> = {};
  for (const [model, target] of Object.entries(v)) {
    const at = `quality_targets.${model}`;
    if (!isObject(target) || Object.keys(target).length !== 1)
      throw new ConfigError(at, `one of {${QUALITY_TARGET_METRICS.join(': n} or {')}: n}`, target);
    unknownKeys(target, QUALITY_TARGET_METRICS, at);
    const [metric, value] = Object.entries(target)[0];
    const ratio = metric === 'accuracy';
    if (typeof value !== 'number' || !(value > 0) || (ratio && value > 1))
      throw new ConfigError(`${at}.${metric}`, ratio ? 'a number in (0, 1]' : 'a positive number', value);
    targets[model] = { metric: metric as QualityTarget['metric'], value };
  }
  return targets;
}
