import { binOf, quantile } from './quantiles';

describe('quantile', () => {
  it("matches numpy.quantile's default linear interpolation", () => {
    // np.quantile([1..10], [.1 .. .9]) = [1.9, 2.8, 3.7, 4.6, 5.5, 6.4, 7.3, 8.2, 9.1]:
    // position q·(n − 1) = 0.9, 1.8, ... between sorted[⌊pos⌋] and the next.
    const sorted = Array.from({ length: 10 }, (_, i) => i + 1);
    const edges = [1, 2, 3, 4, 5, 6, 7, 8, 9].map((k) => quantile(sorted, k / 10));
    [1.9, 2.8, 3.7, 4.6, 5.5, 6.4, 7.3, 8.2, 9.1].forEach((e, i) => expect(edges[i]).toBeCloseTo(e, 12));
    expect(quantile(sorted, 0)).toBe(1);
    expect(quantile(sorted, 1)).toBe(10);
    expect(quantile([4], 0.3)).toBe(4);
    expect(quantile([], 0.5)).toBeNaN();
  });
});

describe('binOf', () => {
  it('uses bins closed on the right, the outer ones open', () => {
    // Edges 1, 2, 3: bins (−∞, 1], (1, 2], (2, 3], (3, ∞).
    const edges = [1, 2, 3];
    expect([-5, 1, 1.5, 2, 3, 3.1, Infinity].map((v) => binOf(edges, v))).toEqual([0, 0, 1, 1, 2, 3, 3]);
    // Tied edges leave bins empty: everything at 0 lands in the first.
    expect(binOf([0, 0, 0, 1], 0)).toBe(0);
    expect(binOf([0, 0, 0, 1], 0.5)).toBe(3);
  });
});
