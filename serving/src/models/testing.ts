import { matrix, type Matrix } from './linalg';

/**
 * The fixed tiny dataset whose scikit-learn fits are pasted into logistic.test.ts and
 * linear.test.ts; `tiny()` in serving/tools/compare-with-sklearn.py builds the same one in numpy.
 * For i = 0..23: x = ((7i mod 11)/5 − 1, (5i mod 13)/6 − 1, [i mod 3 = 0]), y = [3i mod 7 < 3],
 * t = 2 + 0.5·x₁ − 1.5·x₂ + 0.75·x₃ + ((13i mod 17)/17 − 0.5).
 */
export function tinyDataset(): { x: Matrix; y: Float64Array; t: Float64Array } {
  const n = 24;
  const x = matrix(n, 3);
  const y = new Float64Array(n);
  const t = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const row = [((i * 7) % 11) / 5 - 1, ((i * 5) % 13) / 6 - 1, i % 3 === 0 ? 1 : 0];
    x.data.set(row, i * 3);
    y[i] = (i * 3) % 7 < 3 ? 1 : 0;
    t[i] = 2 + 0.5 * row[0] - 1.5 * row[1] + 0.75 * row[2] + (((i * 13) % 17) / 17 - 0.5);
  }
  return { x, y, t };
}

/** max |a − b| over two equally long lists. */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new RangeError(`lengths differ: ${a.length} and ${b.length}`);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}
