import { METHODS, SEVERITY_CAP } from '../constants';
import { DriftMethod } from '../types';

export function isDriftMethod(method: string): method is DriftMethod {
  return Object.prototype.hasOwnProperty.call(METHODS, method);
}

/**
 * Why a threshold label cannot be used, or undefined when it can. p-value thresholds are
 * significance levels in (0, 1); distance thresholds are positive.
 */
export function thresholdProblem(method: DriftMethod, threshold: number): string | undefined {
  if (!Number.isFinite(threshold)) {
    return 'is not a number';
  }
  if (METHODS[method].kind === 'p-value') {
    return threshold > 0 && threshold < 1 ? undefined : 'must be between 0 and 1 for a p-value';
  }
  return threshold > 0 ? undefined : 'must be greater than 0 for a distance';
}

/** Why a score cannot be ranked, or undefined when it can. */
export function scoreProblem(method: DriftMethod, score: number): string | undefined {
  if (Number.isNaN(score)) {
    return 'is NaN';
  }
  if (!Number.isFinite(score)) {
    return score > 0 ? 'is +Inf' : 'is -Inf';
  }
  if (score < 0) {
    return 'is negative';
  }
  if (METHODS[method].kind === 'p-value' && score > 1) {
    return 'is a p-value above 1';
  }
  return undefined;
}

/**
 * The normalised severity that lets p-values and distances share one colour scale:
 * 0 is no drift, 1 is exactly at the threshold, above 1 is drifted.
 *
 * - distances (higher = more drift): score / threshold;
 * - p-values (lower = more drift): log(score) / log(threshold), so p = threshold gives 1 and
 *   p = threshold² gives 2: each further factor of the significance level adds one.
 *
 * Clamped to [0, SEVERITY_CAP]. Callers check scoreProblem and thresholdProblem first.
 */
export function severity(method: DriftMethod, score: number, threshold: number): number {
  let s: number;
  if (METHODS[method].kind === 'p-value') {
    // p = 0 happens (float underflow of a tiny p-value): treat it as the most severe.
    s = score <= 0 ? SEVERITY_CAP : Math.log(Math.min(score, 1)) / Math.log(threshold);
  } else {
    s = score / threshold;
  }
  // `s > 0` rather than Math.max: log(1) / log(threshold) is -0.
  return s > 0 ? Math.min(SEVERITY_CAP, s) : 0;
}

/** The exporter's own rule, kept apart from severity so the boundary case (p = threshold) is exact. */
export function isDrifted(method: DriftMethod, score: number, threshold: number): boolean {
  return METHODS[method].kind === 'p-value' ? score < threshold : score >= threshold;
}
