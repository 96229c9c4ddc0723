/*
 * The bins of the binned statistics (PSI, Jensen–Shannon, chi-square on numeric columns), as the
 * reference profile of a model version defines them (contracts/src/profile.ts):
 * - numeric: 9 edges at the reference's deciles (numpy.quantile, linear), bins closed on the right
 *   like pandas.cut, (e_{k−1}, e_k], the first and last open: 10 bins;
 * - categorical: one bin per category seen in either sample, in CATEGORY ORDER (below).
 */
import { binOf, BINS, quantile } from '@driftlab/contracts';

/** The 9 decile edges of an ascending reference; NaN when it is empty. */
export function decileEdges(referenceSorted: ArrayLike<number>): number[] {
  return Array.from({ length: BINS - 1 }, (_, k) => quantile(referenceSorted, (k + 1) / BINS));
}

/** How many of `values` fall in each of the edges.length + 1 bins. */
export function binCounts(edges: ArrayLike<number>, values: ArrayLike<number>): number[] {
  const counts = new Array<number>(edges.length + 1).fill(0);
  for (let i = 0; i < values.length; i++) counts[binOf(edges, values[i])]++;
  return counts;
}

export interface CategoryCounts {
  /** Every category seen in either sample, in category order. */
  readonly categories: string[];
  readonly reference: number[];
  readonly current: number[];
}

/**
 * Counts per category. Category order: most frequent in the reference first, then (for those the
 * reference has equally often, such as categories it never saw) most frequent in the current sample,
 * then by UTF-16 code units, so the order depends on the data only, never on row order.
 */
export function categoryCounts(reference: Iterable<string>, current: Iterable<string>): CategoryCounts {
  const counts = new Map<string, [number, number]>();
  for (const value of reference) {
    const c = counts.get(value);
    if (c) c[0]++;
    else counts.set(value, [1, 0]);
  }
  for (const value of current) {
    const c = counts.get(value);
    if (c) c[1]++;
    else counts.set(value, [0, 1]);
  }
  const categories = [...counts.keys()].sort((a, b) => {
    const [ra, ca] = counts.get(a)!;
    const [rb, cb] = counts.get(b)!;
    return rb - ra || cb - ca || (a < b ? -1 : a > b ? 1 : 0);
  });
  return {
    categories,
    reference: categories.map((c) => counts.get(c)![0]),
    current: categories.map((c) => counts.get(c)![1]),
  };
}
