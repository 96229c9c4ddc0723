/*
 * Which test decides drift for a column, and how its score reads. The default follows Evidently's
 * choice (evidently.legacy.calculations.stattests.registry._get_default_stattest), except that its
 * z-test for two-valued columns is not implemented here, so those use chi-square as well:
 * - reference of at most 1,000 values: numeric columns with more than 5 distinct values (in both
 *   samples together) → KS, p < 0.05; others → chi-square, p < 0.05;
 * - larger references: numeric with more than 5 distinct values → normed Wasserstein ≥ 0.1; others
 *   (categorical, and numeric with at most 5 distinct values) → Jensen–Shannon ≥ 0.1.
 * One addition to Evidently's rule: on a numeric column a distance (normed Wasserstein, PSI,
 * Jensen–Shannon) says drift only when the KS test also finds the difference unlikely by chance
 * (p < CHANCE_P_VALUE), whatever the method and threshold.
 */
import type { ChiSquareResult } from './chi-square';

export const DRIFT_METHODS = ['ks', 'chi_square', 'wasserstein_norm', 'jensen_shannon', 'psi'] as const;
export type DriftMethod = (typeof DRIFT_METHODS)[number];
export type ColumnType = 'numeric' | 'categorical';

/** Evidently's default thresholds (PSI's 0.1 too). */
export const DEFAULT_THRESHOLDS: Readonly<Record<DriftMethod, number>> = {
  ks: 0.05,
  chi_square: 0.05,
  wasserstein_norm: 0.1,
  jensen_shannon: 0.1,
  psi: 0.1,
};

/** Columns of a type can be tested with these (KS and Wasserstein need numbers). */
export const METHODS_FOR: Readonly<Record<ColumnType, readonly DriftMethod[]>> = {
  numeric: DRIFT_METHODS,
  categorical: ['chi_square', 'jensen_shannon', 'psi'],
};

/**
 * A distance on a numeric column says drift only when the KS p-value is below this as well. The
 * distances have no known false-alarm rate: on a 2,000-instance window of a heavy-tailed feature
 * (the fraud world's seconds_since_last_txn, log-normal with log-sd 2) the normed Wasserstein
 * distance reaches 0.1 now and then with nothing changed, where KS gives p between 0.03 and 0.8.
 * KS's false-alarm rate is known whatever the distribution: at most 1 % of windows, and the distance
 * must be large as well. A real shift of that size has p far below (exporter/docs/drift.md).
 */
export const CHANCE_P_VALUE = 0.01;

/** Evidently's size limit for "small" references, where tests with p-values are used. */
export const SMALL_REFERENCE_MAX = 1000;
/** More distinct values than this make a numeric column continuous enough for KS or Wasserstein. */
export const FEW_DISTINCT_VALUES = 5;

/** A per-column override; either part may be left out. */
export interface ColumnTestOptions {
  readonly method?: DriftMethod;
  readonly threshold?: number;
}

export interface DriftTestResult {
  readonly method: DriftMethod;
  readonly threshold: number;
  /** The p-value or distance the decision used; NaN when it could not be computed. */
  readonly score: number;
  /** Never true on a NaN score. */
  readonly drifted: boolean;
}

/** 'p_value': lower means more drift (drift when below the threshold); 'distance': higher means more. */
export function scoreKind(method: DriftMethod): 'p_value' | 'distance' {
  return method === 'ks' || method === 'chi_square' ? 'p_value' : 'distance';
}

export function isDrifted(method: DriftMethod, score: number, threshold: number): boolean {
  if (Number.isNaN(score)) return false;
  return scoreKind(method) === 'p_value' ? score < threshold : score >= threshold;
}

export function defaultMethod(type: ColumnType, referenceSize: number, distinctValues: number): DriftMethod {
  const continuous = type === 'numeric' && distinctValues > FEW_DISTINCT_VALUES;
  if (referenceSize <= SMALL_REFERENCE_MAX) return continuous ? 'ks' : 'chi_square';
  return continuous ? 'wasserstein_norm' : 'jensen_shannon';
}

/** The method and threshold for a column: the override where given, the default otherwise. */
export function chooseTest(
  type: ColumnType,
  referenceSize: number,
  distinctValues: number,
  options: ColumnTestOptions = {},
): ChosenTest {
  const method = options.method ?? defaultMethod(type, referenceSize, distinctValues);
  if (!METHODS_FOR[type].includes(method))
    throw new RangeError(
      `method "${method}" cannot test a ${type} column; expected one of: ${METHODS_FOR[type].join(', ')}`,
    );
  const threshold = options.threshold ?? DEFAULT_THRESHOLDS[method];
  if (!Number.isFinite(threshold) || threshold < 0)
    throw new RangeError(`threshold ${threshold} for method "${method}" must be a number ≥ 0`);
  return { method, threshold };
}

/** The reason a column's statistics (or its test's score) are NaN, if they are. */
export function nanReason(
  referenceCount: number,
  currentCount: number,
  method: DriftMethod,
  chiSquare: ChiSquareResult,
): { reason?: string } {
  if (referenceCount === 0 && currentCount === 0) return { reason: 'both samples are empty' };
  if (referenceCount === 0) return { reason: 'the reference sample is empty' };
  if (currentCount === 0) return { reason: 'the current sample is empty' };
  if (method === 'chi_square' && chiSquare.categories < 2)
    return { reason: 'a single category: chi-square has no degrees of freedom' };
  return {};
}

/**
 * The decision of a column's test: the chosen method's score among those computed, against its
 * threshold; on a numeric column a distance must also be unlikely by chance (CHANCE_P_VALUE).
 */
export function testResult(
  type: ColumnType,
  method: DriftMethod,
  threshold: number,
  scores: Partial<Record<DriftMethod, number>>,
): DriftTestResult {
  const score = scores[method] ?? NaN;
  let drifted = isDrifted(method, score, threshold);
  if (drifted && type === 'numeric' && scoreKind(method) === 'distance')
    drifted = (scores.ks ?? NaN) < CHANCE_P_VALUE;
  return { method, threshold, score, drifted };
}

/** The test chosen for a column (chooseTest). */
export type ChosenTest = { readonly method: DriftMethod; readonly threshold: number };

/**
 * A column's verdict: the chosen test's decision on the scores computed and, when the statistics
 * are NaN, the reason why.
 */
export function columnVerdict(
  type: ColumnType,
  chosen: ChosenTest,
  referenceCount: number,
  currentCount: number,
  scores: Partial<Record<DriftMethod, number>>,
  chiSquare: ChiSquareResult,
): { test: DriftTestResult; reason?: string } {
  return {
    test: testResult(type, chosen.method, chosen.threshold, scores),
    ...nanReason(referenceCount, currentCount, chosen.method, chiSquare),
  };
}
