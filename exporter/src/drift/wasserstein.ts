/*
 * Wasserstein-1 (earth mover's) distance between two samples, as scipy.stats.wasserstein_distance(u, v):
 * the area between the two empirical CDFs, ∫ |F_u − F_v| dx, summed over the gaps between successive
 * distinct values of both samples in one merge.
 */
import { asSortedSample, type Sample } from './sample';

/** Evidently's floor for the reference standard deviation in the normed distance. */
export const SD_FLOOR = 0.001;

/** W1(reference, current); NaN when a sample is empty. */
export function wassersteinDistance(reference: Sample, current: Sample): number {
  const a = asSortedSample(reference).values;
  const b = asSortedSample(current).values;
  const n1 = a.length;
  const n2 = b.length;
  if (n1 === 0 || n2 === 0) return NaN;
  let i = 0;
  let j = 0;
  let total = 0;
  let x = a[0] <= b[0] ? a[0] : b[0];
  for (;;) {
    while (i < n1 && a[i] === x) i++;
    while (j < n2 && b[j] === x) j++;
    // Both ECDFs are constant from x to the next value of either sample.
    let next: number;
    if (i < n1) next = j < n2 && b[j] < a[i] ? b[j] : a[i];
    else if (j < n2) next = b[j];
    else break;
    total += Math.abs(i / n1 - j / n2) * (next - x);
    x = next;
  }
  return total;
}

/**
 * Evidently's normed Wasserstein distance: W1 divided by the reference's population standard
 * deviation (numpy.std, ddof = 0), floored at SD_FLOOR so a constant reference stays finite.
 */
export function normedWasserstein(distance: number, referenceSd: number): number {
  return distance / Math.max(referenceSd, SD_FLOOR);
}
