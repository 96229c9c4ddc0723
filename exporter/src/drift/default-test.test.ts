import {
  CHANCE_P_VALUE,
  chooseTest,
  DEFAULT_THRESHOLDS,
  defaultMethod,
  isDrifted,
  nanReason,
  scoreKind,
  testResult,
} from './default-test';

describe('defaultMethod (Evidently’s choice)', () => {
  it.each([
    ['numeric', 1000, 6, 'ks'],
    ['numeric', 1000, 5, 'chi_square'],
    ['numeric', 1001, 6, 'wasserstein_norm'],
    ['numeric', 5000, 5, 'jensen_shannon'],
    ['categorical', 200, 40, 'chi_square'],
    ['categorical', 1001, 3, 'jensen_shannon'],
  ] as const)('%s, reference %d, %d distinct → %s', (type, size, distinct, method) => {
    expect(defaultMethod(type, size, distinct)).toBe(method);
  });
});

describe('scoreKind and isDrifted', () => {
  it('reads p-values as drift below the threshold and distances at or above it', () => {
    expect(scoreKind('ks')).toBe('p_value');
    expect(scoreKind('chi_square')).toBe('p_value');
    expect(scoreKind('wasserstein_norm')).toBe('distance');
    expect(scoreKind('jensen_shannon')).toBe('distance');
    expect(scoreKind('psi')).toBe('distance');
    expect(isDrifted('ks', 0.049, 0.05)).toBe(true);
    expect(isDrifted('ks', 0.05, 0.05)).toBe(false);
    expect(isDrifted('wasserstein_norm', 0.1, 0.1)).toBe(true);
    expect(isDrifted('psi', 0.09, 0.1)).toBe(false);
    expect(isDrifted('jensen_shannon', NaN, 0.1)).toBe(false);
    expect(isDrifted('ks', NaN, 0.05)).toBe(false);
  });
});

describe('chooseTest', () => {
  it('takes the default method and threshold, or the override', () => {
    expect(chooseTest('numeric', 500, 100)).toEqual({ method: 'ks', threshold: 0.05 });
    expect(chooseTest('numeric', 500, 100, { method: 'psi' })).toEqual({ method: 'psi', threshold: 0.1 });
    expect(chooseTest('numeric', 500, 100, { threshold: 0.01 })).toEqual({ method: 'ks', threshold: 0.01 });
    expect(DEFAULT_THRESHOLDS.wasserstein_norm).toBe(0.1);
  });

  it('refuses a method that cannot test the column, or a bad threshold', () => {
    expect(() => chooseTest('categorical', 10, 3, { method: 'ks' })).toThrow(
      /"ks" cannot test a categorical column; expected one of: chi_square, jensen_shannon, psi/,
    );
    expect(() => chooseTest('numeric', 10, 30, { threshold: -1 })).toThrow(/must be a number ≥ 0/);
  });
});

describe('nanReason', () => {
  const chi = (categories: number) => ({ statistic: 0, pValue: NaN, categories });
  it('says why the statistics are NaN', () => {
    expect(nanReason(0, 5, 'ks', chi(0))).toEqual({ reason: 'the reference sample is empty' });
    expect(nanReason(5, 0, 'ks', chi(0))).toEqual({ reason: 'the current sample is empty' });
    expect(nanReason(0, 0, 'ks', chi(0))).toEqual({ reason: 'both samples are empty' });
    expect(nanReason(5, 5, 'chi_square', chi(1)).reason).toMatch(/no degrees of freedom/);
    expect(nanReason(5, 5, 'ks', chi(1))).toEqual({});
  });
});

describe('testResult', () => {
  it('lets a distance on a numeric column say drift only when KS finds it unlikely by chance', () => {
    const scores = { wasserstein_norm: 0.12, psi: 0.3, jensen_shannon: 0.15 };
    for (const method of ['wasserstein_norm', 'psi', 'jensen_shannon'] as const) {
      expect(testResult('numeric', method, 0.1, { ...scores, ks: 0.3 }).drifted).toBe(false);
      expect(testResult('numeric', method, 0.1, { ...scores, ks: CHANCE_P_VALUE }).drifted).toBe(false);
      expect(testResult('numeric', method, 0.1, { ...scores, ks: 0.0099 })).toEqual({
        method,
        threshold: 0.1,
        score: scores[method],
        drifted: true,
      });
    }
    // A distance under its threshold stays no drift, however small p; without a p-value, no drift either.
    expect(testResult('numeric', 'wasserstein_norm', 0.1, { wasserstein_norm: 0.05, ks: 1e-9 }).drifted).toBe(
      false,
    );
    expect(testResult('numeric', 'wasserstein_norm', 0.1, { wasserstein_norm: 0.2 }).drifted).toBe(false);
  });

  it('leaves p-value tests and categorical columns as Evidently decides them', () => {
    expect(testResult('numeric', 'ks', 0.05, { ks: 0.03 }).drifted).toBe(true);
    expect(testResult('numeric', 'chi_square', 0.05, { chi_square: 0.03, ks: 0.9 }).drifted).toBe(true);
    expect(testResult('categorical', 'jensen_shannon', 0.1, { jensen_shannon: 0.2 }).drifted).toBe(true);
  });
});
