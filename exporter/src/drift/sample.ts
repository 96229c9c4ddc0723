/*
 * Samples for the two-sample statistics. KS and Wasserstein walk two sorted arrays in one merge, so a
 * caller that compares many windows against one reference sorts the reference once (`sortSample`)
 * and passes the result each time; anything else is sorted on the way in.
 *
 * Non-finite values (NaN, ±Infinity) are dropped and counted in `dropped`: they are data-quality
 * faults, not points of a distribution, and scipy's answers with them are NaN or Infinity.
 */

/** Finite values sorted ascending, with how many non-finite ones were left out. */
export interface SortedSample {
  readonly kind: 'sorted-sample';
  readonly values: Float64Array;
  readonly dropped: number;
}

/** A sample as callers hold it: already sorted once, or any array of numbers in any order. */
export type Sample = SortedSample | ArrayLike<number>;

export function isSortedSample(sample: Sample): sample is SortedSample {
  return (sample as SortedSample).kind === 'sorted-sample';
}

/** A sorted copy of the finite values of `values` (Float64Array.prototype.sort: numeric, ascending). */
export function sortSample(values: ArrayLike<number>): SortedSample {
  const n = values.length;
  const finite = new Float64Array(n);
  let k = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    // v − v is 0 for every finite number, NaN for NaN and ±Infinity.
    if (v - v === 0) finite[k++] = v;
  }
  const sorted = k === n ? finite : finite.slice(0, k);
  sorted.sort();
  return { kind: 'sorted-sample', values: sorted, dropped: n - k };
}

/**
 * Wraps an array the caller already sorted, without copying it. Checks it in one pass (cheap beside a
 * sort) because a merge over an unsorted array would give a wrong answer silently.
 */
export function sortedSample(sorted: Float64Array): SortedSample {
  let previous = -Infinity;
  for (let i = 0; i < sorted.length; i++) {
    const v = sorted[i];
    if (!(v - v === 0)) throw new RangeError(`sortedSample: value ${v} at index ${i} is not finite`);
    if (v < previous) throw new RangeError(`sortedSample: values are not ascending at index ${i}`);
    previous = v;
  }
  return { kind: 'sorted-sample', values: sorted, dropped: 0 };
}

export function asSortedSample(sample: Sample): SortedSample {
  return isSortedSample(sample) ? sample : sortSample(sample);
}

/** How many distinct values the two sorted arrays hold together. */
export function distinctInUnion(a: Float64Array, b: Float64Array): number {
  let i = 0;
  let j = 0;
  let distinct = 0;
  while (i < a.length || j < b.length) {
    const x = j >= b.length || (i < a.length && a[i] <= b[j]) ? a[i] : b[j];
    while (i < a.length && a[i] === x) i++;
    while (j < b.length && b[j] === x) j++;
    distinct++;
  }
  return distinct;
}

/** Mean and population standard deviation (ddof = 0, numpy's `std` default), two passes. */
export function meanAndSd(values: ArrayLike<number>): { mean: number; sd: number } {
  const n = values.length;
  if (n === 0) return { mean: NaN, sd: NaN };
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i];
  const mean = sum / n;
  let squares = 0;
  for (let i = 0; i < n; i++) {
    const d = values[i] - mean;
    squares += d * d;
  }
  return { mean, sd: Math.sqrt(squares / n) };
}
