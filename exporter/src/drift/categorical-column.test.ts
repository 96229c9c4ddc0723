import { categoricalColumnDrift, categoricalCountsDrift } from './categorical-column';
import { expectRelativelyClose, fixture } from './testing';

describe('categoricalColumnDrift against numpy / scipy (fixtures)', () => {
  it.each(fixture.categorical_columns.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const options = c.options as { method?: 'psi' };
    const r = categoricalColumnDrift(c.reference, c.current, options);
    const e = c.expected;
    expect(r.bins.categories).toEqual(e.bins.categories);
    e.bins.reference.forEach((v, i) => expectRelativelyClose(r.bins.reference[i], v, 1e-12, `ref ${i}`));
    e.bins.current.forEach((v, i) => expectRelativelyClose(r.bins.current[i], v, 1e-12, `cur ${i}`));
    expectRelativelyClose(r.chiSquare.statistic, e.chi_square.statistic, 1e-9, 'chi-square');
    expectRelativelyClose(r.chiSquare.pValue, e.chi_square.p_value, 1e-9, 'chi-square p-value');
    expectRelativelyClose(r.psi, e.psi, 1e-9, 'psi');
    expectRelativelyClose(r.jensenShannon, e.jensen_shannon, 1e-9, 'jensen_shannon');
    expect({ method: r.test.method, threshold: r.test.threshold, drifted: r.test.drifted }).toEqual(e.test);
    expectRelativelyClose(r.test.score, e.score, 1e-9, 'score');
  });
});

describe('categoricalColumnDrift edge cases', () => {
  it('lists a category only the current sample has, with a raw reference share of 0', () => {
    const r = categoricalColumnDrift(['a', 'a', 'b', 'b'], ['a', 'b', 'c', 'c']);
    expect(r.bins).toEqual({
      categories: ['a', 'b', 'c'],
      reference: [0.5, 0.5, 0],
      current: [0.25, 0.25, 0.5],
    });
    expect(Number.isFinite(r.psi)).toBe(true);
    expect(Number.isFinite(r.chiSquare.statistic)).toBe(true);
    expect(r.test.drifted).toBe(true);
  });

  it('gives NaN and a reason for an empty current sample', () => {
    const r = categoricalColumnDrift(['a', 'b'], []);
    expect(r.reason).toBe('the current sample is empty');
    expect(r.bins.current).toEqual([NaN, NaN]);
    expect(r.test.score).toBeNaN();
    expect(r.test.drifted).toBe(false);
  });

  it('refuses a numeric-only method', () => {
    expect(() => categoricalColumnDrift(['a'], ['a'], { method: 'wasserstein_norm' })).toThrow(
      /cannot test a categorical/,
    );
  });
});

describe('categoricalCountsDrift', () => {
  it("gives what the values give, in the caller's category order, without categories counted nowhere", () => {
    const fromValues = categoricalColumnDrift(['a', 'a', 'b', 'b', 'b'], ['a', 'c', 'c', 'b']);
    const fromCounts = categoricalCountsDrift(['c', 'a', 'b', 'never'], [0, 2, 3, 0], [2, 1, 1, 0]);
    expect(fromCounts.bins.categories).toEqual(['c', 'a', 'b']);
    // The same sums in another order: equal to rounding.
    expect(fromCounts.chiSquare.statistic).toBeCloseTo(fromValues.chiSquare.statistic, 12);
    expect(fromCounts.chiSquare.pValue).toBeCloseTo(fromValues.chiSquare.pValue, 12);
    expect(fromCounts.psi).toBeCloseTo(fromValues.psi, 14);
    expect(fromCounts.jensenShannon).toBeCloseTo(fromValues.jensenShannon, 14);
    expect(fromCounts.test).toMatchObject({
      method: fromValues.test.method,
      drifted: fromValues.test.drifted,
    });
  });

  it('takes fractional reference counts (profile shares times its size)', () => {
    const r = categoricalCountsDrift(['x', 'y'], [0.6 * 1500, 0.4 * 1500], [50, 50]);
    expect(r.referenceCount).toBeCloseTo(1500, 9);
    expect(r.test.method).toBe('jensen_shannon'); // a reference above 1,000
  });

  it('refuses counts that do not match the categories', () => {
    expect(() => categoricalCountsDrift(['x', 'y'], [1], [1, 2])).toThrow(/2 categories but 1 reference/);
  });
});
