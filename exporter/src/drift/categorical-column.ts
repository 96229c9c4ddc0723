/*
 * Every drift statistic of one categorical column, reference against current, and the test that
 * decides. Missing values are the caller's to leave out; every string given is a category.
 */
import { categoryCounts } from './bins';
import { chiSquareDrift, type ChiSquareResult } from './chi-square';
import { chooseTest, columnVerdict, type ColumnTestOptions, type DriftTestResult } from './default-test';
import { binnedDivergences, proportionsOf } from './divergence';

export interface CategoricalColumnDrift {
  readonly type: 'categorical';
  readonly referenceCount: number;
  readonly currentCount: number;
  readonly chiSquare: ChiSquareResult;
  /** Over the categories, floored at 1e-4. */
  readonly psi: number;
  readonly jensenShannon: number;
  readonly bins: {
    /** Categories seen in either sample (order: see categoryCounts, or the caller's for counts). */
    readonly categories: string[];
    /** Raw shares (not floored); NaN for an empty sample. */
    readonly reference: number[];
    readonly current: number[];
  };
  readonly test: DriftTestResult;
  readonly reason?: string;
}

export function categoricalColumnDrift(
  reference: Iterable<string>,
  current: Iterable<string>,
  options: ColumnTestOptions = {},
): CategoricalColumnDrift {
  const counts = categoryCounts(reference, current);
  return categoricalCountsDrift(counts.categories, counts.reference, counts.current, options);
}

/**
 * The same from counts per category, for callers that keep counts (a live window, a reference
 * profile's shares times its size). Categories keep the caller's order; those with no count in
 * either sample are left out, as they would be from values. Counts need not be whole numbers.
 */
export function categoricalCountsDrift(
  categories: readonly string[],
  referenceCounts: ArrayLike<number>,
  currentCounts: ArrayLike<number>,
  options: ColumnTestOptions = {},
): CategoricalColumnDrift {
  if (referenceCounts.length !== categories.length || currentCounts.length !== categories.length)
    throw new RangeError(
      `${categories.length} categories but ${referenceCounts.length} reference and ${currentCounts.length} current counts`,
    );
  const seen: string[] = [];
  const reference: number[] = [];
  const current: number[] = [];
  categories.forEach((category, k) => {
    if (!(referenceCounts[k] > 0) && !(currentCounts[k] > 0)) return;
    seen.push(category);
    reference.push(referenceCounts[k]);
    current.push(currentCounts[k]);
  });
  const referenceCount = reference.reduce((a, b) => a + b, 0);
  const currentCount = current.reduce((a, b) => a + b, 0);
  const chosen = chooseTest('categorical', referenceCount, seen.length, options);
  const referenceShares = proportionsOf(reference);
  const currentShares = proportionsOf(current);
  const { psi, jensenShannon } = binnedDivergences(
    referenceShares,
    currentShares,
    referenceCount === 0 || currentCount === 0,
  );
  const chiSquare = chiSquareDrift(reference, current);
  return {
    type: 'categorical',
    referenceCount,
    currentCount,
    chiSquare,
    psi,
    jensenShannon,
    bins: { categories: seen, reference: referenceShares, current: currentShares },
    ...columnVerdict(
      'categorical',
      chosen,
      referenceCount,
      currentCount,
      { chi_square: chiSquare.pValue, jensen_shannon: jensenShannon, psi },
      chiSquare,
    ),
  };
}
