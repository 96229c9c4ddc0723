import { binCounts, categoryCounts, decileEdges } from './bins';

describe('decileEdges and binCounts', () => {
  it('puts edges at numpy quantiles k/10 and closes bins on the right', () => {
    // 1..10: edges 1.9, 2.8, …, 9.1; each value lands alone in its bin.
    const sorted = Float64Array.from({ length: 10 }, (_, i) => i + 1);
    const edges = decileEdges(sorted);
    [1.9, 2.8, 3.7, 4.6, 5.5, 6.4, 7.3, 8.2, 9.1].forEach((e, i) => expect(edges[i]).toBeCloseTo(e, 12));
    expect(binCounts(edges, sorted)).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 1, 1]);
    // Values equal to an edge go to the bin the edge closes; beyond the outer edges, the open bins.
    expect(binCounts([1, 2], [1, 2, 0, 2.5])).toEqual([2, 1, 1]);
  });

  it('leaves bins between tied edges empty', () => {
    // Eight 0s, a 1 and a 2: np.quantile gives edges 0 (×7), 0.2, 1.1 (0.2 = 0 + (1 − 0)·0.2 at
    // position 7.2; 1.1 at position 8.1).
    const edges = decileEdges(Float64Array.of(0, 0, 0, 0, 0, 0, 0, 0, 1, 2));
    expect(binCounts(edges, [0, 0, 0, 0, 0, 0, 0, 0, 1, 2])).toEqual([8, 0, 0, 0, 0, 0, 0, 0, 1, 1]);
  });

  it('has NaN edges for an empty reference', () => {
    expect(decileEdges(new Float64Array(0))).toEqual(new Array(9).fill(NaN));
  });
});

describe('categoryCounts', () => {
  it('orders by reference frequency, then current frequency, then name', () => {
    const counts = categoryCounts(['b', 'a', 'b', 'c', 'a', 'b'], ['a', 'z', 'y', 'y', 'c', 'd']);
    expect(counts).toEqual({
      categories: ['b', 'a', 'c', 'y', 'd', 'z'],
      reference: [3, 2, 1, 0, 0, 0],
      current: [0, 1, 1, 2, 1, 1],
    });
  });

  it('does not depend on row order', () => {
    const a = categoryCounts(['x', 'y', 'x', 'z'], ['z', 'y']);
    const b = categoryCounts(['z', 'x', 'y', 'x'], ['y', 'z']);
    expect(a).toEqual(b);
  });
});
