/*
 * Pearson's chi-square goodness of fit, as scipy.stats.chisquare(f_obs, f_exp), and its use for drift:
 * current counts against the counts the reference proportions predict for a sample of that size.
 */
import { PROPORTION_FLOOR } from './divergence';
import { chiSquareSf } from './gamma';

export interface ChiSquareResult {
  /** Σ (observed − expected)² / expected; NaN when it cannot be computed. */
  readonly statistic: number;
  /** P(χ²(k − 1) ≥ statistic); NaN with a single category, as scipy. */
  readonly pValue: number;
  /** Categories compared (k). */
  readonly categories: number;
}

// scipy's sum check: the totals must agree to √ε relative.
const SUM_TOLERANCE = Math.sqrt(2 ** -52);

/** scipy.stats.chisquare(observed, expected); throws RangeError if the totals differ, as scipy does. */
export function chiSquareGoodnessOfFit(
  observed: ArrayLike<number>,
  expected: ArrayLike<number>,
): ChiSquareResult {
  const k = observed.length;
  if (expected.length !== k)
    throw new RangeError(`chiSquare: ${k} observed counts but ${expected.length} expected`);
  if (k === 0) return { statistic: NaN, pValue: NaN, categories: 0 };
  let observedTotal = 0;
  let expectedTotal = 0;
  for (let i = 0; i < k; i++) {
    observedTotal += observed[i];
    expectedTotal += expected[i];
  }
  if (Math.abs(observedTotal - expectedTotal) / Math.min(observedTotal, expectedTotal) > SUM_TOLERANCE)
    throw new RangeError(
      `chiSquare: observed total ${observedTotal} and expected total ${expectedTotal} differ`,
    );
  let statistic = 0;
  for (let i = 0; i < k; i++) {
    const d = observed[i] - expected[i];
    statistic += (d * d) / expected[i];
  }
  return { statistic, pValue: chiSquareSf(statistic, k - 1), categories: k };
}

/**
 * Drift by chi-square: over the categories (or bins) with a count in either sample, observed = the
 * current counts, expected = the reference proportions floored at PROPORTION_FLOOR, renormalised to
 * sum to 1, times the current total. The floor keeps a category the reference never saw from giving
 * an infinite statistic (Evidently's choice, p = 0 from a single stray value); renormalising keeps
 * the totals equal, which the test (and scipy) require.
 */
export function chiSquareDrift(
  referenceCounts: ArrayLike<number>,
  currentCounts: ArrayLike<number>,
): ChiSquareResult {
  let referenceTotal = 0;
  let currentTotal = 0;
  for (let i = 0; i < referenceCounts.length; i++) referenceTotal += referenceCounts[i];
  for (let i = 0; i < currentCounts.length; i++) currentTotal += currentCounts[i];
  if (referenceTotal === 0 || currentTotal === 0) return { statistic: NaN, pValue: NaN, categories: 0 };
  const observed: number[] = [];
  const floored: number[] = [];
  let flooredTotal = 0;
  for (let i = 0; i < referenceCounts.length; i++) {
    if (referenceCounts[i] === 0 && currentCounts[i] === 0) continue;
    const share = Math.max(referenceCounts[i] / referenceTotal, PROPORTION_FLOOR);
    observed.push(currentCounts[i]);
    floored.push(share);
    flooredTotal += share;
  }
  const expected = floored.map((share) => (share / flooredTotal) * currentTotal);
  return chiSquareGoodnessOfFit(observed, expected);
}
