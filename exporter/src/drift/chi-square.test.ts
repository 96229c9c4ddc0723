import { chiSquareDrift, chiSquareGoodnessOfFit } from './chi-square';
import { PROPORTION_FLOOR } from './divergence';
import { expectRelativelyClose, fixture } from './testing';

describe('chiSquareGoodnessOfFit against scipy.stats.chisquare (fixtures)', () => {
  it.each(fixture.chisquare.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const r = chiSquareGoodnessOfFit(c.observed, c.expected);
    expectRelativelyClose(r.statistic, c.statistic, 1e-12, 'statistic');
    expectRelativelyClose(r.pValue, c.p_value, 1e-9, 'p-value');
  });
});

describe('chiSquareGoodnessOfFit by hand', () => {
  it('sums (o − e)² / e and reads the χ²(k − 1) tail', () => {
    // [3, 0] against [1.5, 1.5]: 1.5²/1.5 twice = 3; df 2 − 1 = 1. [4, 0, 2] vs [2, 2, 2]: 2 + 2 + 0 = 4,
    // df 2, whose survival function is e^(−x/2) = e^−2.
    expect(chiSquareGoodnessOfFit([3, 0], [1.5, 1.5]).statistic).toBe(3);
    const r = chiSquareGoodnessOfFit([4, 0, 2], [2, 2, 2]);
    expect(r.statistic).toBe(4);
    expectRelativelyClose(r.pValue, Math.exp(-2), 1e-14);
  });

  it('refuses totals that differ, as scipy does', () => {
    expect(() => chiSquareGoodnessOfFit([5, 5], [5, 6])).toThrow(/differ/);
    expect(() => chiSquareGoodnessOfFit([5, 5], [10])).toThrow(/2 observed counts but 1 expected/);
  });

  it('gives a NaN p-value for a single category (no degrees of freedom), as scipy', () => {
    expect(chiSquareGoodnessOfFit([5], [5])).toEqual({ statistic: 0, pValue: NaN, categories: 1 });
  });
});

describe('chiSquareDrift (floored, renormalised expectation) against scipy (fixtures)', () => {
  it.each(fixture.chi_square_drift.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const r = chiSquareDrift(c.reference, c.current);
    expectRelativelyClose(r.statistic, c.statistic, 1e-12, 'statistic');
    expectRelativelyClose(r.pValue, c.p_value, 1e-9, 'p-value');
    expect(r.categories).toBe(c.categories);
  });
});

describe('chiSquareDrift by hand', () => {
  it('gives a category the reference never saw a floored, finite expectation', () => {
    // Reference shares 0.5, 0.5, 0 → floored 0.5, 0.5, 1e-4, renormalised by 1.0001; current 10 values.
    const r = chiSquareDrift([5, 5, 0], [4, 5, 1]);
    const total = 1 + PROPORTION_FLOOR;
    const expected = [(0.5 / total) * 10, (0.5 / total) * 10, (PROPORTION_FLOOR / total) * 10];
    const statistic = [4, 5, 1].reduce((s, o, i) => s + (o - expected[i]) ** 2 / expected[i], 0);
    expectRelativelyClose(r.statistic, statistic, 1e-14);
    expect(r.statistic).toBeGreaterThan(990); // one stray value: about (1 − 0.001)² / 0.001
    expect(r.pValue).toBeLessThan(1e-200);
  });

  it('leaves out categories neither sample has, and is NaN for an empty sample', () => {
    expect(chiSquareDrift([5, 0, 5], [5, 0, 5])).toEqual({ statistic: 0, pValue: 1, categories: 2 });
    expect(chiSquareDrift([5, 5], [0, 0])).toEqual({ statistic: NaN, pValue: NaN, categories: 0 });
  });
});
