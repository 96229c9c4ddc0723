import { ModelError } from './errors';
import { matrix } from './linalg';
import { fitLogistic, LogisticRegression, sigmoid, softplus } from './logistic';
import { maxAbsDiff, tinyDataset } from './testing';

describe('fitLogistic', () => {
  it("matches scikit-learn's LogisticRegression on a fixed tiny dataset", () => {
    // Reference: /usr/bin/python3 serving/tools/compare-with-sklearn.py --tiny (scikit-learn 1.2.1)
    //   LogisticRegression(C=c, tol=1e-12, max_iter=100000).fit(x, y) on the dataset of testing.ts:
    //   C=1.0: coef [0.16866664433110837, -0.08185403045498997, 0.24628121353800625] intercept -0.416362020756006
    //   C=0.1: coef [0.051036952318153715, -0.020371659081569952, 0.05641424383988525] intercept -0.35404962921398175
    const { x, y } = tinyDataset();
    const one = fitLogistic(x, y);
    expect(
      maxAbsDiff(one.coefficients, [0.16866664433110837, -0.08185403045498997, 0.24628121353800625]),
    ).toBeLessThan(1e-6);
    expect(one.intercept).toBeCloseTo(-0.416362020756006, 6);
    expect(one.converged).toBe(true);
    const tenth = fitLogistic(x, y, { C: 0.1 });
    expect(
      maxAbsDiff(tenth.coefficients, [0.051036952318153715, -0.020371659081569952, 0.05641424383988525]),
    ).toBeLessThan(1e-6);
    expect(tenth.intercept).toBeCloseTo(-0.35404962921398175, 6);
  });

  it('stops where the penalised gradient is zero', () => {
    // ∂f/∂b = Σ (pᵢ − yᵢ) = 0 and ∂f/∂wⱼ = Σ (pᵢ − yᵢ)·xᵢⱼ + wⱼ / C = 0 at the optimum.
    const { x, y } = tinyDataset();
    const C = 0.5;
    const fit = fitLogistic(x, y, { C });
    const model = new LogisticRegression(fit.coefficients, fit.intercept);
    const grad = [0, 0, 0, 0];
    for (let i = 0; i < x.rows; i++) {
      const r = model.predictProba(x.data, i * 3) - y[i];
      grad[0] += r;
      for (let j = 0; j < 3; j++) grad[j + 1] += r * x.data[i * 3 + j];
    }
    for (let j = 0; j < 3; j++) grad[j + 1] += fit.coefficients[j] / C;
    expect(maxAbsDiff(grad, [0, 0, 0, 0])).toBeLessThan(1e-9);
  });

  it('is deterministic', () => {
    const { x, y } = tinyDataset();
    const a = fitLogistic(x, y);
    const b = fitLogistic(x, y);
    expect(Array.from(a.coefficients)).toEqual(Array.from(b.coefficients));
    expect(a.intercept).toBe(b.intercept);
  });

  it('converges to finite weights on separable data, where only the penalty bounds them', () => {
    // y = [x > 0]: perfectly separable; plain Newton from 0 overshoots, the line search keeps it downhill.
    const n = 200;
    const x = matrix(n, 1);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      x.data[i] = (i - 99.5) / 10;
      y[i] = i >= 100 ? 1 : 0;
    }
    const fit = fitLogistic(x, y, { C: 1000 });
    expect(fit.converged).toBe(true);
    expect(Number.isFinite(fit.coefficients[0])).toBe(true);
    expect(fit.coefficients[0]).toBeGreaterThan(5);
    // Symmetric data: the intercept is 0.
    expect(Math.abs(fit.intercept)).toBeLessThan(1e-6);
  });

  it('refuses labels it cannot fit, naming the problem', () => {
    const x = matrix(3, 1);
    x.data.set([1, 2, 3]);
    expect(() => fitLogistic(x, [0, 0, 0])).toThrow(ModelError);
    expect(() => fitLogistic(x, [0, 0, 0])).toThrow(/^labels: expected both classes/);
    expect(() => fitLogistic(x, [0, 2, 1])).toThrow(/^labels\[1\]: expected 0 or 1, got 2$/);
    expect(() => fitLogistic(x, [0, 1])).toThrow(/^labels: expected 3 labels/);
    expect(() => fitLogistic(x, [0, 1, 1], { C: 0 })).toThrow(/^C: expected a positive finite number/);
  });
});

describe('LogisticRegression', () => {
  const model = new LogisticRegression(Float64Array.from([2, -1]), 0.5);

  it('scores a design vector, also at an offset in a larger array', () => {
    // z = 0.5 + 2·1 − 1·3 = −0.5; σ(−0.5) = 1 / (1 + e^0.5) = 0.3775406688.
    expect(model.decision([1, 3])).toBe(-0.5);
    expect(model.predictProba([1, 3])).toBeCloseTo(0.3775406688, 10);
    expect(model.predict([1, 3])).toBe(0);
    expect(model.predict([9, 9, 1, 1], 2)).toBe(1); // z = 0.5 + 2 − 1 = 1.5
    expect(model.predict([1, 3], 0, 0.3)).toBe(1);
  });

  it('fits through the static helper like fitLogistic', () => {
    const { x, y } = tinyDataset();
    const fit = fitLogistic(x, y);
    const m = LogisticRegression.fit(x, y);
    expect(Array.from(m.coefficients)).toEqual(Array.from(fit.coefficients));
  });
});

describe('sigmoid and softplus', () => {
  it('stay finite and accurate for large |z|', () => {
    expect(sigmoid(0)).toBe(0.5);
    expect(sigmoid(1000)).toBe(1);
    expect(sigmoid(-1000)).toBe(0);
    expect(sigmoid(-40)).toBeCloseTo(4.248354255291589e-18, 30);
    expect(softplus(1000)).toBe(1000);
    expect(softplus(-1000)).toBe(0);
    expect(softplus(0)).toBeCloseTo(Math.LN2, 15);
  });
});
