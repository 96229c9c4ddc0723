/*
 * How late ground truth comes: the delay of the labels that arrived in a window (how much of it
 * comes at all is label-coverage.ts).
 */
import { quantile } from '@driftlab/contracts';

export interface LabelDelay {
  readonly count: number;
  /** Mean of label time − prediction time, in seconds; NaN for an empty window. */
  readonly meanSeconds: number;
  /** 95th percentile of the same, numpy's default linear interpolation; NaN for an empty window. */
  readonly p95Seconds: number;
}

/**
 * Delay of the labels in a labelled window (a LabelledWindow's `columns()` fits). Only labels that
 * arrived count: labels still outstanding are not in the window, so this understates the delay
 * while labels are being lost (watch coverage for that).
 */
export function labelDelay(rows: {
  readonly predictionTimesMs: ArrayLike<number>;
  readonly labelTimesMs: ArrayLike<number>;
}): LabelDelay {
  const n = rows.labelTimesMs.length;
  if (rows.predictionTimesMs.length !== n)
    throw new RangeError(
      `labelDelay: ${n} label times but ${rows.predictionTimesMs.length} prediction times; expected one of each per row`,
    );
  if (n === 0) return { count: 0, meanSeconds: NaN, p95Seconds: NaN };
  const delays = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const d = (rows.labelTimesMs[i] - rows.predictionTimesMs[i]) / 1000;
    delays[i] = d;
    sum += d;
  }
  return { count: n, meanSeconds: sum / n, p95Seconds: unsortedQuantile(delays, 0.95) };
}

/**
 * `quantile` (numpy's linear interpolation) of values in any order, reordering them in place: the
 * two order statistics it interpolates between are selected (Hoare's quickselect), not sorted
 * for, so a window's p95 costs O(n) instead of a sort. NaN has no order: then they are sorted.
 */
function unsortedQuantile(values: Float64Array, q: number): number {
  const n = values.length;
  for (let i = 0; i < n; i++) if (values[i] !== values[i]) return quantile(values.sort(), q);
  const pos = q * (n - 1);
  const lo = Math.floor(pos);
  select(values, lo);
  // Everything after `lo` is at least values[lo]: the next order statistic is their minimum.
  let next = values[lo];
  if (lo + 1 < n) {
    next = values[lo + 1];
    for (let i = lo + 2; i < n; i++) if (values[i] < next) next = values[i];
  }
  // As quantile does: a + (b − a)·t, exact when a = b.
  return values[lo] + (next - values[lo]) * (pos - lo);
}

/** Reorders `a` so that a[k] is the k-th smallest, smaller ones before it and larger ones after. */
function select(a: Float64Array, k: number): void {
  let left = 0;
  let right = a.length - 1;
  while (right > left) {
    const pivot = a[k];
    let i = left;
    let j = right;
    do {
      while (a[i] < pivot) i++;
      while (pivot < a[j]) j--;
      if (i <= j) {
        const t = a[i];
        a[i] = a[j];
        a[j] = t;
        i++;
        j--;
      }
    } while (i <= j);
    if (j < k) left = i;
    if (k < i) right = j;
  }
}
