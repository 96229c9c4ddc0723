/*
 * Two-sample Kolmogorov–Smirnov, two-sided, as scipy.stats.ks_2samp(a, b) with method='auto'
 * (scipy 1.17): the statistic is the largest gap between the two empirical CDFs, both evaluated
 * after every value equal to the point (searchsorted side='right'), so ties count exactly as scipy
 * counts them. The p-value is exact when the larger sample has at most 10,000 values and the
 * asymptotic kstwo distribution otherwise; see exporter/docs/drift.md.
 */
import { kolmogorovSmirnovSf } from './kstwo';
import { asSortedSample, type Sample } from './sample';

/** ks_2samp's MAX_AUTO_N: 'auto' is exact up to this size of the larger sample. */
export const KS_EXACT_MAX_SIZE = 10_000;

export type KsPValueMethod = 'exact' | 'asymptotic';

export interface KsResult {
  /** sup |F_reference − F_current|; NaN when a sample is empty. */
  readonly statistic: number;
  /** Two-sided p-value; NaN when a sample is empty. */
  readonly pValue: number;
  /** How the p-value was computed; `none` when a sample is empty. */
  readonly method: KsPValueMethod | 'none';
}

/**
 * How the p-value is computed: 'auto' as ks_2samp's default; 'asymptotic' as its method='asymp',
 * which the live exporter uses because the exact path costs O(n1·n2) at every scrape.
 */
export type KsPValueChoice = 'auto' | 'asymptotic';

/** The KS test of `reference` against `current` (each sorted once by the caller, or sorted here). */
export function ksTwoSample(reference: Sample, current: Sample, pValue: KsPValueChoice = 'auto'): KsResult {
  const a = asSortedSample(reference).values;
  const b = asSortedSample(current).values;
  const n1 = a.length;
  const n2 = b.length;
  if (n1 === 0 || n2 === 0) return { statistic: NaN, pValue: NaN, method: 'none' };

  // One merge: at each distinct value, after taking every equal value from both samples, the
  // difference of the two ECDFs, computed as scipy does (i/n1 − j/n2), so the floats are identical.
  let maxDiff = 0;
  let minDiff = 0;
  let i = 0;
  let j = 0;
  while (i < n1 && j < n2) {
    const x = a[i] <= b[j] ? a[i] : b[j];
    while (i < n1 && a[i] === x) i++;
    while (j < n2 && b[j] === x) j++;
    const diff = i / n1 - j / n2;
    if (diff > maxDiff) maxDiff = diff;
    else if (diff < minDiff) minDiff = diff;
  }
  // Past the end of either sample the gap only shrinks towards 0 (the last point's value), so the
  // points left over cannot hold the maximum.
  const minS = Math.min(Math.max(-minDiff, 0), 1);
  const d = minS > maxDiff ? minS : maxDiff;

  if (pValue === 'auto' && Math.max(n1, n2) <= KS_EXACT_MAX_SIZE) {
    const exact = exactPValue(n1, n2, d);
    if (exact.success) return { statistic: exact.d, pValue: clip01(exact.p), method: 'exact' };
    return asymptotic(n1, n2, exact.d);
  }
  return asymptotic(n1, n2, d);
}

function asymptotic(n1: number, n2: number, d: number): KsResult {
  const en = (n1 * n2) / (n1 + n2);
  return { statistic: d, pValue: clip01(kolmogorovSmirnovSf(roundHalfEven(en), d)), method: 'asymptotic' };
}

/**
 * scipy's _attempt_exact_2kssamp, two-sided: D = h / lcm(n1, n2) for a whole h, and the probability
 * that a random lattice path from (0, 0) to (n1, n2) leaves the band |x/n1 − y/n2| < D.
 */
export function exactPValue(n1: number, n2: number, d: number): { success: boolean; d: number; p: number } {
  const g = gcd(n1, n2);
  const lcm = (n1 / g) * n2;
  const h = roundHalfEven(d * lcm);
  const dExact = h / lcm;
  if (h === 0) return { success: true, d: dExact, p: 1 };
  const p = n1 === n2 ? probOutsideSquare(n1, h) : outerProbInside(n1, n2, g, h);
  return { success: p >= 0 && p <= 1, d: dExact, p };
}

/** P(D_{n,n} ≥ h/n) (scipy's _compute_prob_outside_square): the alternating sum in Horner form. */
export function probOutsideSquare(n: number, h: number): number {
  let P = 0;
  for (let k = Math.floor(n / h); k >= 0; k--) {
    let p1 = 1;
    for (let j = 0; j < h; j++) p1 = ((n - k * h - j) * p1) / (n + k * h + j + 1);
    P = p1 * (1 - P);
  }
  return 2 * P;
}

/**
 * The share of lattice paths that do not stay strictly inside |x/m − y/n| < h/lcm (scipy's
 * _compute_outer_prob_inside_method, Hodges' inside method in Viehmann's 1 − p form, one sliding
 * column of the path-count table).
 */
export function outerProbInside(m0: number, n0: number, g: number, h: number): number {
  const m = Math.max(m0, n0);
  const n = Math.min(m0, n0);
  const mg = m / g;
  const ng = n / g;
  let minj = 0;
  let maxj = Math.min(Math.ceil(h / mg), n + 1);
  let curlen = maxj - minj;
  const lenA = Math.min(2 * maxj + 2, n + 1);
  const A = new Float64Array(lenA).fill(1);
  A.fill(0, minj, Math.min(maxj, lenA));
  for (let i = 1; i <= m; i++) {
    const lastminj = minj;
    const lastlen = curlen;
    minj = Math.min(Math.max(Math.floor((ng * i - h) / mg) + 1, 0), n);
    maxj = Math.min(Math.ceil((ng * i + h) / mg), n + 1);
    if (maxj <= minj) return 1;
    let val = minj === 0 ? 0 : 1;
    for (let jj = 0; jj < maxj - minj; jj++) {
      const j = jj + minj;
      val = (A[jj + minj - lastminj] * i + val * j) / (i + j);
      A[jj] = val;
    }
    curlen = maxj - minj;
    if (lastlen > curlen) A.fill(1, maxj - minj, Math.min(maxj - minj + (lastlen - curlen), lenA));
  }
  return A[maxj - minj - 1];
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/** numpy's round: halves go to the even neighbour. */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

const clip01 = (p: number): number => (p < 0 ? 0 : p > 1 ? 1 : p);
