import { exactPValue, ksTwoSample, outerProbInside, probOutsideSquare, roundHalfEven } from './ks';
import { sortSample } from './sample';
import { expectRelativelyClose, fixture, generate } from './testing';

describe('ksTwoSample against scipy.stats.ks_2samp (fixtures)', () => {
  it.each(fixture.ks.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const result = ksTwoSample(generate(c.reference), generate(c.current));
    expectRelativelyClose(result.statistic, c.statistic, 1e-12, 'statistic');
    expectRelativelyClose(result.pValue, c.p_value, 1e-9, 'p-value');
    expect(result.method).toBe(c.method);
  });

  it.each(fixture.ks.map((c) => [c.name, c] as const))("%s, with method='asymp'", (_name, c) => {
    const result = ksTwoSample(generate(c.reference), generate(c.current), 'asymptotic');
    expectRelativelyClose(result.pValue, c.asymp_p_value, 1e-9, 'p-value');
    expect(result.method).toBe('asymptotic');
  });
});

describe('ksTwoSample by hand', () => {
  it('finds the largest ECDF gap after ties', () => {
    // F_a − F_b: at 2 it is 2/5 − 0 = 0.4; at 5, 5/5 − 3/6 = 0.5 (the 3, 4, 5 of b counted too).
    expect(ksTwoSample([1, 2, 3, 4, 5], [3, 4, 5, 6, 7, 8]).statistic).toBe(0.5);
    // Ties across samples: at 2, F_a = 5/6 and F_b = 2/5; the gap is 13/30.
    expect(ksTwoSample([1, 1, 2, 2, 2, 3], [2, 2, 3, 3, 4]).statistic).toBeCloseTo(13 / 30, 15);
  });

  it('gives the exact p-value of two separated samples of 3: 2 of the C(6,3) = 20 orderings', () => {
    const r = ksTwoSample([1, 2, 3], [4, 5, 6]);
    expect(r).toMatchObject({ statistic: 1, method: 'exact' });
    expect(r.pValue).toBeCloseTo(0.1, 14);
    expect(probOutsideSquare(3, 3)).toBeCloseTo(0.1, 14);
  });

  it('gives D = 0 and p = 1 for identical samples', () => {
    expect(ksTwoSample([4, 1, 2, 2], [2, 1, 4, 2])).toEqual({ statistic: 0, pValue: 1, method: 'exact' });
  });

  it('counts the paths of 1 vs 2 values by hand', () => {
    // a = [0], b = [1, 2]: D = 1. Of the 3 orderings (a first, middle or last) only "a first"
    // reaches a gap of 1, and "a last" reaches 1 on the other side: p = 2/3.
    const r = ksTwoSample([0], [1, 2]);
    expect(r.statistic).toBe(1);
    expect(r.pValue).toBeCloseTo(2 / 3, 14);
    expect(outerProbInside(1, 2, 1, 2)).toBeCloseTo(2 / 3, 14);
  });
});

describe('ksTwoSample API', () => {
  const reference = generate({ gen: 'normal', seed: 1, n: 2000 });
  const current = generate({ gen: 'normal', seed: 2, n: 1500, loc: 0.1 });

  it('takes a reference sorted once, with the same answer as unsorted input', () => {
    const sorted = sortSample(reference);
    expect(ksTwoSample(sorted, current)).toEqual(ksTwoSample(reference, current));
    expect(ksTwoSample(sorted, sortSample(current))).toEqual(ksTwoSample(reference, current));
  });

  it('is symmetric in its samples', () => {
    expect(ksTwoSample(current, reference)).toEqual(ksTwoSample(reference, current));
  });

  it('returns NaN, method none, for an empty sample', () => {
    expect(ksTwoSample([1, 2], [])).toEqual({ statistic: NaN, pValue: NaN, method: 'none' });
    expect(ksTwoSample([], [NaN, Infinity])).toEqual({ statistic: NaN, pValue: NaN, method: 'none' });
  });

  it('ignores non-finite values', () => {
    expect(ksTwoSample([1, 2, NaN, 3], [2, Infinity, 3, 4])).toEqual(ksTwoSample([1, 2, 3], [2, 3, 4]));
  });
});

describe('helpers', () => {
  it('rounds halves to even like numpy', () => {
    expect([0.5, 1.5, 2.5, -0.5, 2.4, 2.6].map(roundHalfEven)).toEqual([0, 2, 2, -0, 2, 3]);
  });

  it('snaps D to a multiple of 1/lcm(n1, n2) before the exact p-value', () => {
    const r = exactPValue(4, 6, 0.5000000001);
    expect(r.d).toBe(6 / 12);
    expect(r.success).toBe(true);
  });
});
