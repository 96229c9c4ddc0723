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

import { binOf, quantile } from './maths/quantiles';
import { BINS, type CategoricalProfile, type NumericProfile } from './profile';

// 5,000 keeps the reference's own sampling noise well below the 0.1 normed-Wasserstein threshold (exporter/docs/monitoring.md).
export const SAMPLE_SIZE = 5000;

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
