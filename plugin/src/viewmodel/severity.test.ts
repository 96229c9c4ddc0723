import { isDrifted, scoreProblem, severity, thresholdProblem } from './severity';
import { SEVERITY_CAP } from '../constants';

describe('severity', () => {
  it('is score / threshold for distances: 1 at the threshold', () => {
    expect(severity('psi', 0.1, 0.2)).toBeCloseTo(0.5);
    expect(severity('psi', 0.2, 0.2)).toBeCloseTo(1);
    expect(severity('jensen_shannon', 0.3, 0.1)).toBeCloseTo(3);
    expect(severity('wasserstein_norm', 0, 0.1)).toBe(0);
  });

  it('is log(p) / log(threshold) for p-values: each factor of the threshold adds one', () => {
    expect(severity('ks', 1, 0.05)).toBe(0);
    expect(severity('ks', 0.05, 0.05)).toBeCloseTo(1);
    expect(severity('chi_square', 0.0025, 0.05)).toBeCloseTo(2);
    expect(severity('ks', 0.5, 0.05)).toBeCloseTo(Math.log(0.5) / Math.log(0.05));
  });

  it('is clamped, so p = 0 and huge distances stay comparable', () => {
    expect(severity('ks', 0, 0.05)).toBe(SEVERITY_CAP);
    expect(severity('ks', 1e-300, 0.05)).toBe(SEVERITY_CAP);
    expect(severity('psi', 50, 0.2)).toBe(SEVERITY_CAP);
  });

  it('orders features the same way the exporter decides drift', () => {
    // p-values: drifted strictly below the threshold; distances: at or above.
    expect(isDrifted('ks', 0.049, 0.05)).toBe(true);
    expect(isDrifted('ks', 0.05, 0.05)).toBe(false);
    expect(isDrifted('psi', 0.2, 0.2)).toBe(true);
    expect(isDrifted('psi', 0.199, 0.2)).toBe(false);
    expect(severity('ks', 0.049, 0.05)).toBeGreaterThan(1);
    expect(severity('psi', 0.199, 0.2)).toBeLessThan(1);
  });

  it('names what is wrong with a score or a threshold', () => {
    expect(scoreProblem('psi', NaN)).toBe('is NaN');
    expect(scoreProblem('psi', Infinity)).toBe('is +Inf');
    expect(scoreProblem('ks', -Infinity)).toBe('is -Inf');
    expect(scoreProblem('psi', -0.1)).toBe('is negative');
    expect(scoreProblem('ks', 1.5)).toBe('is a p-value above 1');
    expect(scoreProblem('psi', 1.5)).toBeUndefined();
    expect(thresholdProblem('ks', 0.05)).toBeUndefined();
    expect(thresholdProblem('ks', 1)).toMatch(/between 0 and 1/);
    expect(thresholdProblem('psi', 0)).toMatch(/greater than 0/);
    expect(thresholdProblem('psi', NaN)).toBe('is not a number');
  });
});
