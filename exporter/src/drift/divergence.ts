/*
 * Binned divergences between a reference and a current distribution, given as proportions per bin
 * (or category) in the same order. Both floor every proportion at PROPORTION_FLOOR first, so an empty
 * bin never puts a log of 0 or a division by 0 in the sum; the floored vectors are not renormalised
 * for PSI, and jensenshannon renormalises its inputs itself, as scipy's does.
 */

/** The smallest proportion a bin counts with in PSI, Jensen–Shannon and chi-square's expectation. */
export const PROPORTION_FLOOR = 1e-4;

/** count / total per bin; NaN everywhere when the total is 0 (no sample, no distribution). */
export function proportionsOf(counts: ArrayLike<number>): number[] {
  let total = 0;
  for (let i = 0; i < counts.length; i++) total += counts[i];
  return Array.from(counts, (c) => (total > 0 ? c / total : NaN));
}

export function floorProportions(proportions: ArrayLike<number>, floor = PROPORTION_FLOOR): number[] {
  return Array.from(proportions, (p) => Math.max(p, floor));
}

function checkPair(reference: ArrayLike<number>, current: ArrayLike<number>): void {
  if (reference.length !== current.length)
    throw new RangeError(`${reference.length} reference proportions but ${current.length} current`);
}

/** Population stability index Σ (cur − ref) · ln(cur / ref) on the floored proportions. */
export function populationStabilityIndex(reference: ArrayLike<number>, current: ArrayLike<number>): number {
  checkPair(reference, current);
  const ref = floorProportions(reference);
  const cur = floorProportions(current);
  let psi = 0;
  for (let i = 0; i < ref.length; i++) psi += (cur[i] - ref[i]) * Math.log(cur[i] / ref[i]);
  return psi;
}

/**
 * Jensen–Shannon distance, base 2 (0 … 1): scipy.spatial.distance.jensenshannon(p, q, base=2) on the
 * floored proportions, which it normalises to sum 1:  √((KL(p‖m) + KL(q‖m)) / 2 / ln 2), m = (p + q)/2.
 */
export function jensenShannonDistance(reference: ArrayLike<number>, current: ArrayLike<number>): number {
  checkPair(reference, current);
  const p = normalise(floorProportions(reference));
  const q = normalise(floorProportions(current));
  let left = 0;
  let right = 0;
  for (let i = 0; i < p.length; i++) {
    const m = (p[i] + q[i]) / 2;
    left += p[i] * Math.log(p[i] / m);
    right += q[i] * Math.log(q[i] / m);
  }
  // Rounding can leave the sum a hair below 0 for near-equal inputs, where scipy's sqrt gives NaN.
  return Math.sqrt(Math.max((left + right) / Math.LN2 / 2, 0));
}

/** PSI and Jensen–Shannon of two share vectors, NaN both when either sample is `empty`. */
export function binnedDivergences(
  reference: ArrayLike<number>,
  current: ArrayLike<number>,
  empty: boolean,
): { psi: number; jensenShannon: number } {
  if (empty) return { psi: NaN, jensenShannon: NaN };
  return {
    psi: populationStabilityIndex(reference, current),
    jensenShannon: jensenShannonDistance(reference, current),
  };
}

function normalise(values: number[]): number[] {
  let total = 0;
  for (const v of values) total += v;
  return values.map((v) => v / total);
}
