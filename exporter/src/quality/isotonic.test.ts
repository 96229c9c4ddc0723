import { fitIsotonic, IsotonicCalibration, poolAdjacentViolators } from './isotonic';
import { expectClose, loadSklearnFixtures } from './testing';

describe('fitIsotonic', () => {
  it.each(loadSklearnFixtures().isotonic.map((c) => [c.name, c] as const))(
    'matches sklearn IsotonicRegression: %s',
    (_n, c) => {
      const fit = fitIsotonic(c.x, c.y, c.weights ?? undefined);
      expect(fit.thresholds).toHaveLength(c.expected.thresholdsX.length);
      c.expected.thresholdsX.forEach((x, i) =>
        expectClose(fit.thresholds[i], x, `${c.name}: X_thresholds_[${i}]`),
      );
      c.expected.thresholdsY.forEach((y, i) =>
        expectClose(fit.values[i], y, `${c.name}: y_thresholds_[${i}]`),
      );
      c.query.forEach((q, i) =>
        expectClose(fit.apply(q), c.expected.predictions[i], `${c.name}: predict(${q})`),
      );
    },
  );

  it('pools violators by hand', () => {
    // Means 1, 3, 2, 2, 5 with weights 1, 1, 1, 2, 1: 3 > 2 pools (3·1 + 2·1)/2 = 2.5, which is
    // above the next 2 (weight 2): (2.5·2 + 2·2)/4 = 2.25; then 5 stays.
    expect(Array.from(poolAdjacentViolators([1, 3, 2, 2, 5], [1, 1, 1, 2, 1]))).toEqual([
      1, 2.25, 2.25, 2.25, 5,
    ]);
  });

  it('averages tied scores, interpolates between breakpoints and clips outside them', () => {
    // Scores .2 (labels 0, 1 → 0.5), .4 (0), .8 (1): 0.5 > 0 pools to 1/3 over .2 and .4.
    const fit = fitIsotonic([0.2, 0.4, 0.2, 0.8], [0, 0, 1, 1]);
    expect(Array.from(fit.thresholds)).toEqual([0.2, 0.4, 0.8]);
    expect(Array.from(fit.values)).toEqual([1 / 3, 1 / 3, 1]);
    expect(fit.apply(0.3)).toBe(1 / 3);
    expect(fit.apply(0.6)).toBeCloseTo(2 / 3, 15); // halfway from 1/3 to 1
    expect(fit.apply(-5)).toBe(1 / 3);
    expect(fit.apply(5)).toBe(1);
  });

  it('names the bad field', () => {
    expect(() => fitIsotonic([0.1, NaN], [0, 1])).toThrow(
      'fitIsotonic: scores[1]: expected a finite number, got NaN',
    );
    expect(() => fitIsotonic([0.1], [0, 1])).toThrow(/1 scores, 2 labels; expected one of each per row/);
    expect(() => fitIsotonic([0.1], [1], [-1])).toThrow(/weights\[0\]: expected a finite number ≥ 0, got -1/);
    expect(() => fitIsotonic([], [])).toThrow(/at least one row of positive weight/);
    expect(() => new IsotonicCalibration(new Float64Array(0), new Float64Array(0))).toThrow(/at least one/);
  });
});
