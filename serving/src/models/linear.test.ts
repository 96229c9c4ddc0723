import { ModelError } from './errors';
import { matrix } from './linalg';
import { fitLinear, LinearRegression } from './linear';
import { maxAbsDiff, tinyDataset } from './testing';

describe('fitLinear', () => {
  it("matches scikit-learn's LinearRegression on a fixed tiny dataset", () => {
    // Reference: /usr/bin/python3 serving/tools/compare-with-sklearn.py --tiny (scikit-learn 1.2.1)
    //   LinearRegression().fit(x, t) on the dataset of testing.ts:
    //   coef [0.48590347282641144, -1.3649562658980265, 0.6932346631776795] intercept 1.9784158757778827
    const { x, t } = tinyDataset();
    const fit = fitLinear(x, t);
    expect(
      maxAbsDiff(fit.coefficients, [0.48590347282641144, -1.3649562658980265, 0.6932346631776795]),
    ).toBeLessThan(1e-6);
    expect(fit.intercept).toBeCloseTo(1.9784158757778827, 6);
  });

  it('recovers a noiseless linear function', () => {
    // t = 3 − 2·x₁ + 0.25·x₂ exactly.
    const n = 50;
    const x = matrix(n, 2);
    const t = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const a = Math.sin(i);
      const b = (i % 7) - 3;
      x.data.set([a, b], i * 2);
      t[i] = 3 - 2 * a + 0.25 * b;
    }
    const fit = fitLinear(x, t);
    expect(maxAbsDiff(fit.coefficients, [-2, 0.25])).toBeLessThan(1e-6);
    expect(fit.intercept).toBeCloseTo(3, 6);
  });

  it('stays defined when a column is all zeros (a category absent from training)', () => {
    // Plain OLS is singular here; the tiny ridge gives the minimum-norm answer, coefficient 0.
    const x = matrix(4, 2);
    x.data.set([1, 0, 2, 0, 3, 0, 4, 0]);
    const fit = fitLinear(x, [3, 5, 7, 9]); // t = 1 + 2·x₁
    expect(fit.coefficients[0]).toBeCloseTo(2, 6);
    expect(fit.coefficients[1]).toBe(0);
    expect(fit.intercept).toBeCloseTo(1, 6);
  });

  it('refuses bad labels, naming them', () => {
    const x = matrix(2, 1);
    expect(() => fitLinear(x, [1])).toThrow(ModelError);
    expect(() => fitLinear(x, [1, NaN])).toThrow(/^labels\[1\]: expected a finite number, got NaN$/);
  });
});

describe('LinearRegression', () => {
  it('predicts b + w·x at an offset', () => {
    const m = new LinearRegression(Float64Array.from([2, -1]), 0.5);
    expect(m.predict([1, 3])).toBe(-0.5);
    expect(m.predict([7, 7, 1, 1], 2)).toBe(1.5);
    const { x, t } = tinyDataset();
    expect(Array.from(LinearRegression.fit(x, t).coefficients)).toEqual(
      Array.from(fitLinear(x, t).coefficients),
    );
  });
});
