/*
 * Every drift statistic of one numeric column, reference against current, and the test that decides.
 * The reference may be sorted once (sortSample) and reused for every current window.
 */
import { binCounts, decileEdges } from './bins';
import { chiSquareDrift, type ChiSquareResult } from './chi-square';
import {
  chooseTest,
  columnVerdict,
  type ChosenTest,
  type ColumnTestOptions,
  type DriftMethod,
  type DriftTestResult,
} from './default-test';
import { binnedDivergences, proportionsOf } from './divergence';
import { ksTwoSample, type KsPValueChoice, type KsResult } from './ks';
import { asSortedSample, distinctInUnion, meanAndSd, type Sample } from './sample';
import { normedWasserstein, wassersteinDistance } from './wasserstein';

export interface NumericColumnDrift {
  readonly type: 'numeric';
  /** Finite values compared, and non-finite ones dropped, per sample. */
  readonly referenceCount: number;
  readonly currentCount: number;
  readonly referenceDropped: number;
  readonly currentDropped: number;
  /** Distinct values in both samples together (it picks the default test). */
  readonly distinctValues: number;
  readonly ks: KsResult;
  readonly wasserstein: number;
  /** Population standard deviation of the reference (ddof = 0). */
  readonly referenceSd: number;
  /** wasserstein / max(referenceSd, 0.001). */
  readonly wassersteinNorm: number;
  /** Over the 10 decile bins, floored at 1e-4. */
  readonly psi: number;
  readonly jensenShannon: number;
  /** Chi-square over the decile bins with a value in either sample. */
  readonly chiSquare: ChiSquareResult;
  readonly bins: {
    readonly edges: number[];
    /** Raw shares of each bin (not floored); NaN for an empty sample. */
    readonly reference: number[];
    readonly current: number[];
  };
  readonly test: DriftTestResult;
  /** Why the statistics are NaN, when they are. */
  readonly reason?: string;
}

export function numericColumnDrift(
  reference: Sample,
  current: Sample,
  options: ColumnTestOptions = {},
  /** 'asymptotic' skips the exact KS p-value, whose O(n1·n2) cost the live exporter cannot pay per scrape. */
  ksPValue: KsPValueChoice = 'auto',
): NumericColumnDrift {
  const ref = asSortedSample(reference);
  const cur = asSortedSample(current);
  const distinctValues = distinctInUnion(ref.values, cur.values);
  const chosen = chooseTest('numeric', ref.values.length, distinctValues, options);
  const edges = decileEdges(ref.values);
  const referenceCounts = binCounts(edges, ref.values);
  const currentCounts = binCounts(edges, cur.values);
  const referenceShares = proportionsOf(referenceCounts);
  // Bins need reference edges: without a reference, current shares mean nothing.
  const currentShares = ref.values.length > 0 ? proportionsOf(currentCounts) : currentCounts.map(() => NaN);
  const wasserstein = wassersteinDistance(ref, cur);
  const referenceSd = meanAndSd(ref.values).sd;
  const empty = ref.values.length === 0 || cur.values.length === 0;
  return numericColumnResult(
    {
      referenceCount: ref.values.length,
      currentCount: cur.values.length,
      referenceDropped: ref.dropped,
      currentDropped: cur.dropped,
      distinctValues,
      ks: ksTwoSample(ref, cur, ksPValue),
      wasserstein,
      referenceSd,
      wassersteinNorm: normedWasserstein(wasserstein, referenceSd),
      ...binnedDivergences(referenceShares, currentShares, empty),
      chiSquare: chiSquareDrift(referenceCounts, currentCounts),
      bins: { edges, reference: referenceShares, current: currentShares },
    },
    chosen,
  );
}

/** A numeric column's statistics, before its test decides (numericColumnDrift, or the live monitor's). */
export type NumericStatistics = Omit<NumericColumnDrift, 'type' | 'test' | 'reason'>;

/** The column's result: its statistics and the chosen test's verdict. */
export function numericColumnResult(s: NumericStatistics, chosen: ChosenTest): NumericColumnDrift {
  const scores: Record<DriftMethod, number> = {
    ks: s.ks.pValue,
    chi_square: s.chiSquare.pValue,
    wasserstein_norm: s.wassersteinNorm,
    jensen_shannon: s.jensenShannon,
    psi: s.psi,
  };
  return {
    type: 'numeric',
    ...s,
    ...columnVerdict('numeric', chosen, s.referenceCount, s.currentCount, scores, s.chiSquare),
  };
}
