import { ConfigError, DEFAULT_MONITORING, monitoringConfig } from './config';

describe('monitoringConfig', () => {
  it('fills in the defaults', () => {
    expect(monitoringConfig(undefined)).toBe(DEFAULT_MONITORING);
    expect(monitoringConfig({})).toEqual(DEFAULT_MONITORING);
  });

  it('reads windows by count and by time, the drift window and per-feature tests', () => {
    const config = monitoringConfig({
      windows: [{ count: 500 }, { count: 5000 }, { seconds: 1800, capacity: 20000 }],
      drift_window: 3000,
      label_coverage: { wait: 3600 },
      drift_tests: {
        credit: { annual_income: { method: 'ks', threshold: 0.01 }, region: { threshold: 0.2 } },
      },
    });
    expect(config.windows).toEqual([
      { kind: 'count', size: 500 },
      { kind: 'count', size: 5000 },
      { kind: 'time', spanSeconds: 1800, capacity: 20000 },
    ]);
    expect(config.driftWindow).toBe(3000);
    expect(config.labelCoverage).toEqual({ waitSeconds: 3600, spanSeconds: 1800 });
    expect(config.columnTests).toEqual({
      credit: { annual_income: { method: 'ks', threshold: 0.01 }, region: { threshold: 0.2 } },
    });
  });

  it.each([
    [
      [],
      '(top level): expected a mapping of windows, drift_window, label_coverage, drift_tests, quality_targets, got []',
    ],
    [
      { window: [] },
      '(top level).window: expected one of the fields windows, drift_window, label_coverage, drift_tests, quality_targets, got "window"',
    ],
    [{ windows: [] }, 'windows: expected a non-empty list of windows, got []'],
    [{ windows: [{ count: 0 }] }, 'windows[0].count: expected a positive whole number, got 0'],
    [
      { windows: [{ minutes: 5 }] },
      'windows[0]: expected {count: n} or {seconds: s, capacity: n}, got {"minutes":5}',
    ],
    [{ windows: [{ seconds: -1 }] }, 'windows[0].seconds: expected a positive number of seconds, got -1'],
    [{ drift_window: 'big' }, 'drift_window: expected a positive whole number, got "big"'],
    [{ label_coverage: 30 }, 'label_coverage: expected {wait: seconds, span: seconds}, got 30'],
    [
      { label_coverage: { wait: -5 } },
      'label_coverage.wait: expected a number of seconds, 0 or more, got -5',
    ],
    [
      { label_coverage: { span: 10 } },
      'label_coverage.span: expected a number of seconds, at least 60, got 10',
    ],
    [
      { label_coverage: { delay: 10 } },
      'label_coverage.delay: expected one of the fields wait, span, got "delay"',
    ],
    [
      { drift_tests: { credit: { age: { method: 'anova' } } } },
      'drift_tests.credit.age.method: expected one of ks, chi_square, wasserstein_norm, jensen_shannon, psi, got "anova"',
    ],
    [
      { drift_tests: { credit: { age: { threshold: 0 } } } },
      'drift_tests.credit.age.threshold: expected a positive number, got 0',
    ],
    [
      { drift_tests: { credit: 3 } },
      'drift_tests.credit: expected a mapping of feature to {method, threshold}, got 3',
    ],
    [
      { quality_targets: { credit: { accuracy: 1.2 } } },
      'quality_targets.credit.accuracy: expected a number in (0, 1], got 1.2',
    ],
    [
      { quality_targets: { delivery: { mean_absolute_error: -1 } } },
      'quality_targets.delivery.mean_absolute_error: expected a positive number, got -1',
    ],
    [
      { quality_targets: { credit: { f1: 0.5 } } },
      'quality_targets.credit.f1: expected one of the fields accuracy, mean_absolute_error, got "f1"',
    ],
    [
      { quality_targets: { credit: { accuracy: 0.8, mean_absolute_error: 3 } } },
      'quality_targets.credit: expected one of {accuracy: n} or {mean_absolute_error: n}',
    ],
  ])('names the field and what was expected: %j', (raw, message) => {
    expect(() => monitoringConfig(raw)).toThrow(ConfigError);
    expect(() => monitoringConfig(raw)).toThrow(message);
  });
});
