/**
 * Small statistics for tests that check generated samples: two-sample Kolmogorov–Smirnov, chi-square
 * goodness of fit and homogeneity, and binomial tolerances. Pure functions, no dependencies.
 *
 * Every test that uses these fixes its seeds, so a test either always passes or always fails; the
 * significance level only says how unlikely a failure would be if the code were right.
 */

/**
 * The two-sample Kolmogorov–Smirnov statistic D = sup_x |F_a(x) − F_b(x)| of the empirical CDFs.
 * Ties (within and across the samples) are handled: both CDFs step past a value before comparing.
 */
export function ksStatistic(a: ArrayLike<number>, b: ArrayLike<number>): number {
  return ksStatisticSorted(sorted(a), sorted(b));
}

/** A sorted copy, for `ksStatisticSorted` when one sample is compared many times. */
export function sorted(a: ArrayLike<number>): Float64Array {
  const x = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) x[i] = a[i];
  return x.sort();
}

/** `ksStatistic` of two samples sorted in increasing order. */
export function ksStatisticSorted(x: Float64Array, y: Float64Array): number {
  const n = x.length;
  const m = y.length;
  if (n === 0 || m === 0) throw new Error('ksStatistic needs two non-empty samples');
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < n && j < m) {
    const v = x[i] <= y[j] ? x[i] : y[j];
    while (i < n && x[i] === v) i++;
    while (j < m && y[j] === v) j++;
    const diff = Math.abs(i / n - j / m);
    if (diff > d) d = diff;
  }
  return d;
}

/** c(α) = sqrt(−ln(α/2) / 2), the asymptotic coefficient of the two-sample KS critical value. */
export function ksCoefficient(alpha: number): number {
  return Math.sqrt(-Math.log(alpha / 2) / 2);
}

/**
 * The asymptotic critical value c(α) · sqrt((n + m) / (n · m)): reject "same distribution" when
 * D exceeds it. For discrete data the test is conservative (rejects less often than α).
 */
export function ksCritical(alpha: number, n: number, m: number): number {
  return ksCoefficient(alpha) * Math.sqrt((n + m) / (n * m));
}

export interface TestResult {
  readonly statistic: number;
  readonly critical: number;
  /** Whether the null hypothesis (no difference) is rejected at the chosen level. */
  readonly rejects: boolean;
}

/** Two-sample KS test at level `alpha`. */
export function ksTest(a: ArrayLike<number>, b: ArrayLike<number>, alpha: number): TestResult {
  const statistic = ksStatistic(a, b);
  const critical = ksCritical(alpha, a.length, b.length);
  return { statistic, critical, rejects: statistic > critical };
}

/**
 * Upper 0.001 critical values (0.999 quantiles) of the chi-square distribution for df = 1..30.
 * Computed with `scipy.stats.chi2.ppf(0.999, df)` and rounded to 4 decimals; they agree with the
 * 3-decimal table of the NIST/SEMATECH e-Handbook of Statistical Methods, section 1.3.6.7.4,
 * "Critical Values of the Chi-Square Distribution" (upper tail 0.001).
 */
export const CHI_SQUARE_999: readonly number[] = [
  10.8276, 13.8155, 16.2662, 18.4668, 20.515, 22.4577, 24.3219, 26.1245, 27.8772, 29.5883, 31.2641, 32.9095,
  34.5282, 36.1233, 37.6973, 39.2524, 40.7902, 42.3124, 43.8202, 45.3147, 46.797, 48.2679, 49.7282, 51.1786,
  52.6197, 54.052, 55.476, 56.8923, 58.3012, 59.7031,
];

/** The chi-square 0.999 quantile for `df` degrees of freedom (1..30). */
export function chiSquare999(df: number): number {
  if (!Number.isInteger(df) || df < 1 || df > CHI_SQUARE_999.length)
    throw new Error(`chiSquare999: df must be an integer from 1 to ${CHI_SQUARE_999.length}, got ${df}`);
  return CHI_SQUARE_999[df - 1];
}

/** Pearson's statistic Σ (O − E)² / E; cells with E = 0 must have O = 0 and are skipped. */
export function chiSquareStatistic(observed: readonly number[], expected: readonly number[]): number {
  if (observed.length !== expected.length) throw new Error('chiSquareStatistic: lengths differ');
  let s = 0;
  for (let i = 0; i < observed.length; i++) {
    if (expected[i] === 0) {
      if (observed[i] !== 0) return Infinity;
      continue;
    }
    s += (observed[i] - expected[i]) ** 2 / expected[i];
  }
  return s;
}

/**
 * Goodness of fit of `counts` to the category probabilities `p` (normalised here) at level 0.001;
 * df = number of categories with p > 0, minus one.
 */
export function chiSquareGoodnessOfFit(counts: readonly number[], p: readonly number[]): TestResult {
  const total = counts.reduce((s, c) => s + c, 0);
  const mass = p.reduce((s, v) => s + v, 0);
  const expected = p.map((v) => (total * v) / mass);
  const statistic = chiSquareStatistic(counts, expected);
  const critical = chiSquare999(p.filter((v) => v > 0).length - 1);
  return { statistic, critical, rejects: statistic > critical };
}

/**
 * Chi-square test of homogeneity of two samples' category counts (a 2 × k table) at level 0.001;
 * categories empty in both samples are left out, df = (non-empty categories) − 1.
 */
export function chiSquareHomogeneity(a: readonly number[], b: readonly number[]): TestResult {
  if (a.length !== b.length) throw new Error('chiSquareHomogeneity: lengths differ');
  const na = a.reduce((s, c) => s + c, 0);
  const nb = b.reduce((s, c) => s + c, 0);
  let statistic = 0;
  let cells = 0;
  for (let i = 0; i < a.length; i++) {
    const col = a[i] + b[i];
    if (col === 0) continue;
    cells++;
    const ea = (na * col) / (na + nb);
    const eb = (nb * col) / (na + nb);
    statistic += (a[i] - ea) ** 2 / ea + (b[i] - eb) ** 2 / eb;
  }
  if (cells < 2) return { statistic: 0, critical: Infinity, rejects: false };
  const critical = chiSquare999(cells - 1);
  return { statistic, critical, rejects: statistic > critical };
}

/** Counts of each value in `values`, over the list of `keys` (values not in keys are an error). */
export function countsOf<T>(values: Iterable<T>, keys: readonly T[]): number[] {
  const index = new Map<T, number>(keys.map((k, i) => [k, i]));
  const counts = new Array<number>(keys.length).fill(0);
  for (const v of values) {
    const i = index.get(v);
    if (i === undefined) throw new Error(`countsOf: unexpected value ${String(v)}`);
    counts[i]++;
  }
  return counts;
}

/** k standard errors of a proportion p estimated from n independent trials: k · sqrt(p(1 − p)/n). */
export function binomialTolerance(p: number, n: number, k = 4): number {
  return k * Math.sqrt((p * (1 - p)) / n);
}

/** k standard errors of a difference of two independent proportions with these rates and sizes. */
export function proportionDifferenceTolerance(p1: number, n1: number, p2: number, n2: number, k = 4): number {
  return k * Math.sqrt((p1 * (1 - p1)) / n1 + (p2 * (1 - p2)) / n2);
}

export function mean(xs: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i];
  return s / xs.length;
}

/** Sample variance (n − 1 denominator). */
export function variance(xs: ArrayLike<number>): number {
  const m = mean(xs);
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += (xs[i] - m) ** 2;
  return s / (xs.length - 1);
}

export function sd(xs: ArrayLike<number>): number {
  return Math.sqrt(variance(xs));
}

/** k standard errors of a difference of two independent sample means. */
export function meanDifferenceTolerance(a: ArrayLike<number>, b: ArrayLike<number>, k = 4): number {
  return k * Math.sqrt(variance(a) / a.length + variance(b) / b.length);
}

/** The sample median (mean of the two middle values for an even count). */
export function median(xs: ArrayLike<number>): number {
  const s = Float64Array.from(xs).sort();
  const h = s.length >> 1;
  return s.length % 2 === 1 ? s[h] : (s[h - 1] + s[h]) / 2;
}

/** Sample kurtosis μ4 / σ⁴ (3 for a normal distribution). */
export function kurtosis(xs: ArrayLike<number>): number {
  const m = mean(xs);
  let s2 = 0;
  let s4 = 0;
  for (let i = 0; i < xs.length; i++) {
    const d = (xs[i] - m) ** 2;
    s2 += d;
    s4 += d * d;
  }
  const n = xs.length;
  return s4 / n / (s2 / n) ** 2;
}

/**
 * k standard errors of the ratio sd(a) / sd(b) of two independent samples, relative to the ratio:
 * by the delta method Var(s²) ≈ σ⁴ (κ − 1) / n, so the relative variance of s is (κ − 1) / (4n).
 */
export function sdRatioTolerance(a: ArrayLike<number>, b: ArrayLike<number>, k = 4): number {
  const rel = (kurtosis(a) - 1) / (4 * a.length) + (kurtosis(b) - 1) / (4 * b.length);
  return k * Math.sqrt(rel) * (sd(a) / sd(b));
}
