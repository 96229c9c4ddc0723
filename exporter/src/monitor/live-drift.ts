import {
  binCounts,
  chiSquareGoodnessOfFit,
  chiSquareSf,
  chooseTest,
  decileEdges,
  kolmogorovSmirnovSf,
  meanAndSd,
  normedWasserstein,
  numericColumnDrift,
  numericColumnResult,
  PROPORTION_FLOOR,
  type ChiSquareResult,
  type ColumnTestOptions,
  type KsResult,
  type NumericColumnDrift,
  type SortedSample,
} from '../drift';
import { roundHalfEven } from '../drift/ks';

/*
 * numericColumnDrift(reference, current, options, 'asymptotic') for the live monitor, which compares
 * a new current window against the same reference at every scrape: what depends on the reference
 * alone (its decile edges, bin counts and standard deviation) is computed once, the three
 * merges of the two sorted samples (distinct values, KS, Wasserstein) are one, and the binned
 * statistics (PSI, Jensen–Shannon, chi-square over 10 bins) run over plain arrays without the
 * intermediate copies of the general functions. Every number is the one numericColumnDrift gives,
 * computed by the same operations in the same order (live-drift.test.ts compares them exactly).
 */

/** What a numeric column's statistics need of its reference sample, computed once per reference. */
export class NumericReference {
  readonly edges: number[];
  readonly counts: number[];
  readonly shares: number[];
  readonly sd: number;
  /** The sample's distinct values, ascending (the sample itself when it has no ties). */
  readonly distinct: Float64Array;
  /** Per distinct value x, the sample's ECDF at x: i/n1 with i the values ≤ x (as ks.ts divides). */
  readonly ecdf: Float64Array;

  /** The shares floored at PROPORTION_FLOOR (PSI), and those normalised to sum 1 (Jensen–Shannon). */
  readonly floored: Float64Array;
  readonly normalised: Float64Array;
  /** count / total floored at PROPORTION_FLOOR, per bin: chi-square's expected shares (chiSquareDrift). */
  private readonly expectedShares: Float64Array;

  constructor(readonly sample: SortedSample) {
    const a = sample.values;
    const n1 = a.length;
    this.edges = decileEdges(a);
    this.counts = binCounts(this.edges, a);
    this.shares = shares(this.counts);
    this.sd = meanAndSd(a).sd;
    this.floored = Float64Array.from(this.shares, (p) => Math.max(p, PROPORTION_FLOOR));
    this.normalised = normalised(this.floored);
    let total = 0;
    for (const c of this.counts) total += c;
    this.expectedShares = Float64Array.from(this.counts, (c) => Math.max(c / total, PROPORTION_FLOOR));
    let distinct = 0;
    for (let i = 0; i < n1; i++) if (i === 0 || a[i] !== a[i - 1]) distinct++;
    this.distinct = distinct === n1 ? a : new Float64Array(distinct);
    this.ecdf = new Float64Array(distinct);
    for (let i = 0, r = 0; i < n1; r++) {
      const x = a[i++];
      while (i < n1 && a[i] === x) i++;
      this.distinct[r] = x;
      this.ecdf[r] = i / n1;
    }
  }

  /**
   * chiSquareDrift(counts, currentCounts): over the bins with a count in either sample, the current
   * counts against the floored reference shares, renormalised, times the current total.
   */
  chiSquare(currentCounts: readonly number[]): ChiSquareResult {
    const counts = this.counts;
    let referenceTotal = 0;
    let currentTotal = 0;
    for (let i = 0; i < counts.length; i++) referenceTotal += counts[i];
    for (let i = 0; i < currentCounts.length; i++) currentTotal += currentCounts[i];
    if (referenceTotal === 0 || currentTotal === 0) return { statistic: NaN, pValue: NaN, categories: 0 };
    let flooredTotal = 0;
    let k = 0;
    for (let i = 0; i < counts.length; i++) {
      if (counts[i] === 0 && currentCounts[i] === 0) continue;
      flooredTotal += this.expectedShares[i];
      k++;
    }
    // chiSquareGoodnessOfFit's totals and statistic, in its order.
    let observedTotal = 0;
    let expectedTotal = 0;
    const expected = new Float64Array(k);
    for (let i = 0, m = 0; i < counts.length; i++) {
      if (counts[i] === 0 && currentCounts[i] === 0) continue;
      const e = (this.expectedShares[i] / flooredTotal) * currentTotal;
      expected[m++] = e;
      observedTotal += currentCounts[i];
      expectedTotal += e;
    }
    if (Math.abs(observedTotal - expectedTotal) / Math.min(observedTotal, expectedTotal) > SUM_TOLERANCE) {
      // Never for counts of one sample; the general function says why.
      const observed = currentCounts.filter((c, i) => !(counts[i] === 0 && c === 0));
      return chiSquareGoodnessOfFit(observed, expected);
    }
    let statistic = 0;
    for (let i = 0, m = 0; i < counts.length; i++) {
      if (counts[i] === 0 && currentCounts[i] === 0) continue;
      const d = currentCounts[i] - expected[m];
      statistic += (d * d) / expected[m++];
    }
    return { statistic, pValue: chiSquareSf(statistic, k - 1), categories: k };
  }
}

// chi-square's sum check: the totals must agree to √ε relative.
const SUM_TOLERANCE = Math.sqrt(2 ** -52);

/** proportionsOf: count / total per bin, NaN everywhere when the total is 0. */
function shares(counts: readonly number[]): number[] {
  let total = 0;
  for (let i = 0; i < counts.length; i++) total += counts[i];
  const out = new Array<number>(counts.length);
  for (let i = 0; i < counts.length; i++) out[i] = total > 0 ? counts[i] / total : NaN;
  return out;
}

/** jensenShannonDistance's normalisation of floored shares. */
function normalised(floored: Float64Array): Float64Array {
  let total = 0;
  for (const v of floored) total += v;
  return floored.map((v) => v / total);
}

/** populationStabilityIndex and jensenShannonDistance of the reference against `current` shares. */
function divergences(reference: NumericReference, current: readonly number[]): { psi: number; js: number } {
  const ref = reference.floored;
  const k = ref.length;
  const cur = new Float64Array(k);
  for (let i = 0; i < k; i++) cur[i] = Math.max(current[i], PROPORTION_FLOOR);
  let psi = 0;
  for (let i = 0; i < k; i++) psi += (cur[i] - ref[i]) * Math.log(cur[i] / ref[i]);
  const q = normalised(cur);
  const p = reference.normalised;
  let left = 0;
  let right = 0;
  for (let i = 0; i < k; i++) {
    const m = (p[i] + q[i]) / 2;
    left += p[i] * Math.log(p[i] / m);
    right += q[i] * Math.log(q[i] / m);
  }
  return { psi, js: Math.sqrt(Math.max((left + right) / Math.LN2 / 2, 0)) };
}

/** The last KS p-value of a column: kstwo's survival function can cost 100 µs, and d often holds. */
export interface KsMemo {
  n: number;
  d: number;
  pValue: number;
}

export function liveNumericDrift(
  reference: NumericReference,
  current: SortedSample,
  options: ColumnTestOptions,
  memo?: KsMemo,
): NumericColumnDrift {
  const n1 = reference.sample.values.length;
  const n2 = current.values.length;
  if (n1 === 0 || n2 === 0) return numericColumnDrift(reference.sample, current, options, 'asymptotic');
  const walk = walkEcdfs(reference, current.values);
  const ks: KsResult = { statistic: walk.d, pValue: ksPValue(n1, n2, walk.d, memo), method: 'asymptotic' };
  const currentCounts = sortedBinCounts(reference.edges, current.values);
  const chosen = chooseTest('numeric', n1, walk.distinct, options);
  const currentShares = shares(currentCounts);
  const { psi, js: jensenShannon } = divergences(reference, currentShares);
  return numericColumnResult(
    {
      referenceCount: n1,
      currentCount: n2,
      referenceDropped: reference.sample.dropped,
      currentDropped: current.dropped,
      distinctValues: walk.distinct,
      ks,
      wasserstein: walk.wasserstein,
      referenceSd: reference.sd,
      wassersteinNorm: normedWasserstein(walk.wasserstein, reference.sd),
      psi,
      jensenShannon,
      chiSquare: reference.chiSquare(currentCounts),
      bins: { edges: reference.edges, reference: reference.shares, current: currentShares },
    },
    chosen,
  );
}

/**
 * The KS statistic D, the Wasserstein distance and the distinct values of both samples together,
 * from one walk over the distinct values x of both samples in ascending order: the ECDF gap at x is
 * F1(x) − j/n2 with j the current values ≤ x, the same floats as ks.ts and wasserstein.ts compute
 * (F1 is the reference's precomputed i/n1), and each Wasserstein term |gap(x)|·(x' − x) is added
 * when the next point x' is reached, in the same order. Organised by current value, so that the
 * reference's runs between two current values go by in a tight loop whose exit is the only branch
 * hard to predict. Both samples are non-empty.
 */
function walkEcdfs(
  reference: NumericReference,
  b: Float64Array,
): { d: number; wasserstein: number; distinct: number } {
  const n2 = b.length;
  const ux = reference.distinct;
  const uf = reference.ecdf;
  const nr = ux.length;
  let r = 0;
  let j = 0;
  // Distinct values: the reference's, and the current sample's the reference lacks.
  let distinct = nr;
  let maxDiff = 0;
  let minDiff = 0;
  let total = 0;
  // The first point adds |0|·0: as good as nothing, and no test for it in the loop.
  let previousX = ux[0] <= b[0] ? ux[0] : b[0];
  let previousDiff = 0;
  while (j < n2) {
    const v = b[j];
    const jn = j / n2;
    if (r < nr && ux[r] < v) {
      // Reference values before v: neither sample is used up, KS looks at them. Along the run the
      // gap only grows (j stays), so its first point is the run's least and its last the greatest.
      let diff = uf[r] - jn;
      if (diff < minDiff) minDiff = diff;
      do {
        const x = ux[r];
        diff = uf[r] - jn;
        total += Math.abs(previousDiff) * (x - previousX);
        previousX = x;
        previousDiff = diff;
        r++;
      } while (r < nr && ux[r] < v);
      if (diff > maxDiff) maxDiff = diff;
    }
    // KS looks at v unless the reference is used up before it.
    const both = r < nr;
    let fraction = r === 0 ? 0 : uf[r - 1];
    if (both && ux[r] === v) fraction = uf[r++];
    else distinct++;
    j++;
    while (j < n2 && b[j] === v) j++;
    const diff = fraction - j / n2;
    if (both) {
      if (diff > maxDiff) maxDiff = diff;
      else if (diff < minDiff) minDiff = diff;
    }
    total += Math.abs(previousDiff) * (v - previousX);
    previousX = v;
    previousDiff = diff;
  }
  // The reference's values above the current sample's largest: KS no longer looks (j/n2 = 1).
  for (; r < nr; r++) {
    const x = ux[r];
    total += Math.abs(previousDiff) * (x - previousX);
    previousX = x;
    previousDiff = uf[r] - 1;
  }
  const minS = Math.min(Math.max(-minDiff, 0), 1);
  return { d: minS > maxDiff ? minS : maxDiff, wasserstein: total, distinct };
}

/** The asymptotic KS p-value of D = `d` between samples of n1 and n2 values, from `memo` when d holds. */
function ksPValue(n1: number, n2: number, d: number, memo: KsMemo | undefined): number {
  const n = roundHalfEven((n1 * n2) / (n1 + n2));
  if (memo && memo.n === n && memo.d === d) return memo.pValue;
  const pValue = clip01(kolmogorovSmirnovSf(n, d));
  if (memo) {
    memo.n = n;
    memo.d = d;
    memo.pValue = pValue;
  }
  return pValue;
}

/** Bin counts of a sorted sample: the values are sorted, so the bin (edges strictly below) only grows. */
function sortedBinCounts(edges: readonly number[], b: Float64Array): number[] {
  const counts = new Array<number>(edges.length + 1).fill(0);
  for (let k = 0, bin = 0; k < b.length; k++) {
    const v = b[k];
    while (bin < edges.length && edges[bin] < v) bin++;
    counts[bin]++;
  }
  return counts;
}

const clip01 = (p: number): number => (p < 0 ? 0 : p > 1 ? 1 : p);
