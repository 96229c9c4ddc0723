/*
 * The reference profile of a model version: per feature, the distribution of its training data, which
 * the exporter compares live traffic against to measure drift.
 *
 * - Numeric: a sorted sample of at most SAMPLE_SIZE training values for two-sample tests (KS,
 *   Wasserstein), and decile edges with the training share of each of the ten bins for binned
 *   statistics (PSI, chi-square). The sample is systematic (every (n/SAMPLE_SIZE)-th value in
 *   training order, from the middle of each stretch), so it needs no random stream and is the same
 *   for the same training data; simulated rows are independent, so it is as good as a random one.
 * - Edges are numpy's default ("linear") quantiles at k/10, k = 1..9. Bins are closed on the right,
 *   (e_k−1, e_k], like pandas.cut; the first and last are open: (−∞, e₁] and (e₉, ∞). Use `binOf`
 *   so both sides count alike. Integer features have ties at the edges, so shares are not 10 % each,
 *   and equal edges give empty bins; that is why the shares are stored, not assumed.
 * - Categorical: the share of each category, in the schema's order.
 * Shares are over non-missing values; `missing` is the share of rows without a (known) value.
 */

// 5,000 keeps the reference's own sampling noise well below the 0.1 normed-Wasserstein threshold (exporter/docs/monitoring.md).
export const SAMPLE_SIZE = 5000;
export const BINS = 10;

export interface NumericProfile {
  readonly name: string;
  readonly kind: 'numeric';
  /** Non-missing values seen. */
  readonly count: number;
  readonly missing: number;
  readonly mean: number;
  readonly sd: number;
  readonly min: number;
  readonly max: number;
  /** Sorted ascending, at most SAMPLE_SIZE values. */
  readonly sample: readonly number[];
  /** The 9 decile edges, non-decreasing. */
  readonly edges: readonly number[];
  /** Training share of each of the 10 bins (see binOf). */
  readonly proportions: readonly number[];
}

export interface CategoricalProfile {
  readonly name: string;
  readonly kind: 'categorical';
  readonly count: number;
  readonly missing: number;
  readonly categories: readonly string[];
  readonly proportions: readonly number[];
}

export type FeatureProfile = NumericProfile | CategoricalProfile;

export interface ReferenceProfile {
  /** Training rows the profile describes. */
  readonly size: number;
  readonly features: readonly FeatureProfile[];
  /** The training labels: categories '0' and '1' for classification, numeric for regression. */
  readonly target: FeatureProfile;
  /** The model's own outputs on its training data (P(y = 1) or the predicted value): prediction drift needs no labels. */
  readonly prediction: NumericProfile;
}

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

/** The profile of one numeric column; NaN entries count as missing. */
export function numericProfile(name: string, values: ArrayLike<number>): NumericProfile {
  const present: number[] = [];
  for (let i = 0; i < values.length; i++) if (values[i] === values[i]) present.push(values[i]);
  const count = present.length;
  const missing = values.length > 0 ? (values.length - count) / values.length : 0;
  const stride = count / SAMPLE_SIZE;
  const sample =
    count <= SAMPLE_SIZE
      ? present.slice()
      : Array.from({ length: SAMPLE_SIZE }, (_, k) => present[Math.floor((k + 0.5) * stride)]);
  sample.sort((a, b) => a - b);
  const sorted = Float64Array.from(present).sort();
  let mean = 0;
  for (const v of present) mean += v;
  mean = count > 0 ? mean / count : 0;
  let ss = 0;
  for (const v of present) ss += (v - mean) * (v - mean);
  const edges = Array.from({ length: BINS - 1 }, (_, k) =>
    count > 0 ? quantile(sorted, (k + 1) / BINS) : 0,
  );
  const counts = new Array<number>(BINS).fill(0);
  for (const v of present) counts[binOf(edges, v)]++;
  return {
    name,
    kind: 'numeric',
    count,
    missing,
    mean,
    sd: count > 0 ? Math.sqrt(ss / count) : 0,
    min: count > 0 ? sorted[0] : 0,
    max: count > 0 ? sorted[count - 1] : 0,
    sample,
    edges,
    proportions: counts.map((c) => (count > 0 ? c / count : 0)),
  };
}

/** The profile of one categorical column of indices; NaN or out-of-range indices count as missing. */
export function categoricalProfile(
  name: string,
  categories: readonly string[],
  values: ArrayLike<number>,
): CategoricalProfile {
  const counts = new Array<number>(categories.length).fill(0);
  let count = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v >= 0 && v < categories.length && v === Math.floor(v)) {
      counts[v]++;
      count++;
    }
  }
  return {
    name,
    kind: 'categorical',
    count,
    missing: values.length > 0 ? (values.length - count) / values.length : 0,
    categories: [...categories],
    proportions: counts.map((c) => (count > 0 ? c / count : 0)),
  };
}
