// Metric names read outside the exporter that publishes them: the drift panel queries these by
// name, and the exporter's families (exporter/src/metrics/families.ts) take their names from here.

/** The drift families the panel reads, by what it reads them for. */
export const DRIFT_METRICS = {
  score: 'driftlab_drift_score',
  detected: 'driftlab_drift_detected',
  statistic: 'driftlab_drift_statistic',
  sampleSize: 'driftlab_drift_sample_size',
  binProportion: 'driftlab_drift_bin_proportion',
} as const;

/** The `feature` label of the output (prediction) drift, beside the input features. */
export const PREDICTION_FEATURE = '(prediction)';
