/*
 * Isotonic calibration of scores, fit by pool-adjacent-violators, reproducing
 * sklearn.isotonic.IsotonicRegression(increasing=True, out_of_bounds='clip') of scikit-learn 1.2:
 *
 * - rows are ordered by score; scores closer than 1e-15 to the first of a run (sklearn's
 *   float64 `resolution`) are one point, whose target is the weighted mean of the run's labels;
 * - PAV pools adjacent points while their means decrease (or tie), giving the non-decreasing fit
 *   that minimises the weighted squared error;
 * - interior points of a flat stretch are dropped (they change nothing below);
 * - a score is mapped by linear interpolation between the kept points, and clipped to the fitted
 *   range first, so scores outside it take the end values.
 */

/** A monotone map from raw scores to calibrated P(class 1). */
export interface Calibration {
  apply(score: number): number;
}

export class IsotonicCalibration implements Calibration {
  /** Kept breakpoints: increasing scores (sklearn's X_thresholds_) and their fitted values (y_thresholds_). */
  readonly thresholds: Float64Array;
  readonly values: Float64Array;

  constructor(thresholds: Float64Array, values: Float64Array) {
    if (thresholds.length === 0 || thresholds.length !== values.length)
      throw new RangeError(
        `IsotonicCalibration: ${thresholds.length} thresholds and ${values.length} values; expected as many of each, at least one`,
      );
    this.thresholds = thresholds;
    this.values = values;
  }

  apply(score: number): number {
    const xs = this.thresholds;
    const ys = this.values;
    const n = xs.length;
    if (n === 1) return ys[0];
    const x = Math.min(Math.max(score, xs[0]), xs[n - 1]);
    // First index with xs[i] >= x (numpy searchsorted, side 'left'), kept within 1..n−1 as scipy's interp1d does.
    let lo = 1;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (xs[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    const x0 = xs[lo - 1];
    const y0 = ys[lo - 1];
    const slope = (ys[lo] - y0) / (xs[lo] - x0);
    return slope * (x - x0) + y0;
  }
}

/** sklearn's float64 `resolution`: scores closer than this to a run's first score join the run. */
const SAME_SCORE = 1e-15;

/**
 * Fits the calibration on reference rows: `scores` (raw P(class 1)) and `labels` (0/1, or any
 * target to regress), optionally weighted (rows of weight 0 are ignored, as in sklearn).
 */
export function fitIsotonic(
  scores: ArrayLike<number>,
  labels: ArrayLike<number>,
  weights?: ArrayLike<number>,
): IsotonicCalibration {
  const n = scores.length;
  if (labels.length !== n || (weights !== undefined && weights.length !== n))
    throw new RangeError(
      `fitIsotonic: ${n} scores, ${labels.length} labels${weights ? ` and ${weights.length} weights` : ''}; expected one of each per row`,
    );
  const rows: number[] = [];
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(scores[i]))
      throw new RangeError(`fitIsotonic: scores[${i}]: expected a finite number, got ${scores[i]}`);
    if (!Number.isFinite(labels[i]))
      throw new RangeError(`fitIsotonic: labels[${i}]: expected a finite number, got ${labels[i]}`);
    const w = weights === undefined ? 1 : weights[i];
    if (!(w >= 0) || !Number.isFinite(w))
      throw new RangeError(`fitIsotonic: weights[${i}]: expected a finite number ≥ 0, got ${w}`);
    if (w > 0) rows.push(i);
  }
  if (rows.length === 0)
    throw new RangeError('fitIsotonic: expected at least one row of positive weight, got none');
  // By score, then label (numpy.lexsort((y, X))), so a run's mean is summed in the same order.
  rows.sort((a, b) => scores[a] - scores[b] || labels[a] - labels[b]);

  // Unique scores with their weighted mean label and total weight.
  const xs: number[] = [];
  const means: number[] = [];
  const totals: number[] = [];
  let runX = scores[rows[0]];
  let runWy = 0;
  let runW = 0;
  for (const i of rows) {
    const w = weights === undefined ? 1 : weights[i];
    if (scores[i] - runX >= SAME_SCORE) {
      xs.push(runX);
      means.push(runWy / runW);
      totals.push(runW);
      runX = scores[i];
      runWy = 0;
      runW = 0;
    }
    runWy += labels[i] * w;
    runW += w;
  }
  xs.push(runX);
  means.push(runWy / runW);
  totals.push(runW);

  const fitted = poolAdjacentViolators(means, totals);
  return trimFlatInteriors(xs, fitted);
}

/** The non-decreasing fit of `means` (weights `totals`) minimising the weighted squared error. */
export function poolAdjacentViolators(means: readonly number[], totals: readonly number[]): Float64Array {
  const n = means.length;
  // A stack of blocks: mean, weight and the index of the first point of each.
  const blockMean = new Float64Array(n);
  const blockWeight = new Float64Array(n);
  const blockStart = new Int32Array(n);
  let blocks = 0;
  for (let i = 0; i < n; i++) {
    let mean = means[i];
    let weight = totals[i];
    let start = i;
    // Pool with the previous block while it is not below this one.
    while (blocks > 0 && blockMean[blocks - 1] >= mean) {
      blocks--;
      const w = blockWeight[blocks] + weight;
      mean = (blockMean[blocks] * blockWeight[blocks] + mean * weight) / w;
      weight = w;
      start = blockStart[blocks];
    }
    blockMean[blocks] = mean;
    blockWeight[blocks] = weight;
    blockStart[blocks] = start;
    blocks++;
  }
  const out = new Float64Array(n);
  for (let b = 0; b < blocks; b++) {
    const end = b + 1 < blocks ? blockStart[b + 1] : n;
    out.fill(blockMean[b], blockStart[b], end);
  }
  return out;
}

// Keeps the first and last point and every point whose value differs from a neighbour's.
function trimFlatInteriors(xs: readonly number[], ys: Float64Array): IsotonicCalibration {
  const n = xs.length;
  const keptX: number[] = [];
  const keptY: number[] = [];
  for (let i = 0; i < n; i++) {
    if (i === 0 || i === n - 1 || ys[i] !== ys[i - 1] || ys[i] !== ys[i + 1]) {
      keptX.push(xs[i]);
      keptY.push(ys[i]);
    }
  }
  return new IsotonicCalibration(Float64Array.from(keptX), Float64Array.from(keptY));
}
