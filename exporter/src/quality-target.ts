/*
 * The quality a model is held to: accuracy for classifiers, mean absolute error for regressors.
 * Alerts ("accuracy below target") and the dashboards compare the realized and estimated quality
 * with it. Unless the monitoring configuration sets one, it follows from the serving version's
 * holdout metrics, so a retrained model brings its own target: a drop of 5 accuracy points, or a
 * quarter more absolute error, than the model showed on data it was not trained on.
 */

export const QUALITY_TARGET_METRICS = ['accuracy', 'mean_absolute_error'] as const;

export interface QualityTarget {
  readonly metric: (typeof QUALITY_TARGET_METRICS)[number];
  readonly value: number;
}

/** Accuracy points a classifier may lose against its holdout before it misses its target. */
export const ACCURACY_TOLERANCE = 0.05;
/** Relative growth of a regressor's absolute error over its holdout before it misses its target. */
export const ERROR_TOLERANCE = 0.25;

/** The default target from a version's holdout metrics, or null when they say nothing usable. */
export function targetFromHoldout(
  holdout: Readonly<Record<string, unknown>> | undefined,
): QualityTarget | null {
  if (!holdout) return null;
  if (typeof holdout.accuracy === 'number' && Number.isFinite(holdout.accuracy))
    return { metric: 'accuracy', value: Math.max(0, holdout.accuracy - ACCURACY_TOLERANCE) };
  if (typeof holdout.mae === 'number' && Number.isFinite(holdout.mae))
    return { metric: 'mean_absolute_error', value: holdout.mae * (1 + ERROR_TOLERANCE) };
  return null;
}
