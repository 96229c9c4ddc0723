// Quantiles and decile bins as numpy and pandas compute them: the training side (serving's reference
// profiles) and the monitoring side (the exporter's binned drift tests) must count alike.

/** numpy.quantile(values, q) with the default linear interpolation, on ascending `sorted`. */
export function quantile(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const pos = q * (n - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, n - 1);
  const frac = pos - lo;
  // a + (b − a)·t is exact when a = b, which keeps tied edges equal.
  return sorted[lo] + (sorted[hi] - sorted[lo]) * frac;
}

/** The bin (0..edges.length) of `value`: how many edges lie strictly below it. */
export function binOf(edges: ArrayLike<number>, value: number): number {
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (edges[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
