import { DRIFT_METRICS } from '@driftlab/contracts';

/*
 * Every metric family the exporter publishes: name, type, help, labels, unit. One list, so the
 * collectors, the generated reference (docs/metrics.md) and its test all read the same thing.
 */

export interface FamilySpec {
  readonly name: string;
  readonly type: 'gauge' | 'counter';
  readonly help: string;
  readonly labels: readonly string[];
  /** The unit in words, for the reference ("ratio", "seconds", "the target's unit"…). */
  readonly unit: string;
}

const quality = (name: string, help: string, unit = 'ratio (0–1)'): FamilySpec => ({
  name,
  type: 'gauge',
  help,
  labels: ['model', 'version', 'window'],
  unit,
});

export const FAMILIES = {
  accuracy: quality(
    'driftlab_model_accuracy',
    'Realized accuracy of a classifier over the window of labelled predictions.',
  ),
  precision: quality(
    'driftlab_model_precision',
    'Realized precision (class 1) over the window; 0 when nothing was predicted positive.',
  ),
  recall: quality(
    'driftlab_model_recall',
    'Realized recall (class 1) over the window; 0 when no label was positive.',
  ),
  f1: quality('driftlab_model_f1_score', 'Realized F1 score (class 1) over the window.'),
  rocAuc: quality(
    'driftlab_model_roc_auc',
    'ROC AUC of P(class 1) over the window; absent when the window holds one class only.',
  ),
  logLoss: quality(
    'driftlab_model_log_loss',
    'Log loss (cross-entropy, natural log) over the window.',
    'nats per prediction',
  ),
  calibrationError: quality(
    'driftlab_model_calibration_error',
    'Expected calibration error (10 equal-width confidence bins) over the window.',
  ),
  mae: quality(
    'driftlab_model_mean_absolute_error',
    'Realized mean absolute error of a regressor over the window.',
    "the target's unit (minutes for delivery)",
  ),
  rmse: quality(
    'driftlab_model_root_mean_squared_error',
    'Realized root mean squared error of a regressor over the window.',
    "the target's unit",
  ),
  mape: quality(
    'driftlab_model_mean_absolute_percentage_error',
    'Realized mean absolute percentage error over the window, as a fraction.',
  ),
  estimatedAccuracy: quality(
    'driftlab_model_estimated_accuracy',
    'Label-free accuracy estimate (confidence-based, like NannyML CBPE) over the window of predictions.',
  ),
  estimatedF1: quality(
    'driftlab_model_estimated_f1_score',
    'Label-free F1 estimate (confidence-based) over the window of predictions.',
  ),
  windowPredictions: quality('driftlab_window_predictions', 'Predictions in the window.', 'predictions'),
  windowLabelled: quality(
    'driftlab_window_labelled_predictions',
    'Labelled predictions in the window.',
    'predictions',
  ),
  labelCoverage: {
    name: 'driftlab_label_coverage_ratio',
    type: 'gauge',
    help: "Share of the predictions made between 60 and 30 minutes ago (the monitoring configuration's label_coverage band) whose label has arrived; absent until the band holds 200 predictions.",
    labels: ['model'],
    unit: 'ratio (0–1)',
  },
  labelDelay: {
    name: 'driftlab_label_delay_seconds',
    type: 'gauge',
    help: 'Time from prediction to label over the window of labelled predictions (statistic: mean or p95), in simulated seconds.',
    labels: ['model', 'version', 'window', 'statistic'],
    unit: 'seconds (simulated time)',
  },
  predictions: {
    name: 'driftlab_monitored_predictions_total',
    type: 'counter',
    help: 'Predictions the exporter received from serving.',
    labels: ['model', 'version'],
    unit: 'predictions',
  },
  labels: {
    name: 'driftlab_labels_total',
    type: 'counter',
    help: 'Ground-truth labels by outcome: joined to a prediction, duplicate, unknown request id, or expired (a prediction given up on, its label never came). Labels for a model no prediction was seen of yet count as unknown under model="(unseen)".',
    labels: ['model', 'outcome'],
    unit: 'labels',
  },
  driftScore: {
    name: DRIFT_METRICS.score,
    type: 'gauge',
    help: "Drift score of the feature's test, current window against the serving version's training reference: a p-value (method ks, chi_square: drift below threshold) or a distance (wasserstein_norm, jensen_shannon, psi: drift at or above threshold).",
    labels: ['model', 'feature', 'method', 'threshold'],
    unit: 'p-value or distance',
  },
  driftDetected: {
    name: DRIFT_METRICS.detected,
    type: 'gauge',
    help: "1 when the feature's drift test says drift, else 0.",
    labels: ['model', 'feature', 'method'],
    unit: 'boolean',
  },
  driftStatistic: {
    name: DRIFT_METRICS.statistic,
    type: 'gauge',
    help: 'Every drift statistic of the feature: ks, ks_p_value, wasserstein, wasserstein_norm, psi, jensen_shannon, chi_square, chi_square_p_value.',
    labels: ['model', 'feature', 'statistic'],
    unit: 'as the statistic',
  },
  driftSampleSize: {
    name: DRIFT_METRICS.sampleSize,
    type: 'gauge',
    help: 'Rows behind the drift statistics: the reference (training rows) and the current window.',
    labels: ['model', 'sample'],
    unit: 'rows',
  },
  driftBin: {
    name: DRIFT_METRICS.binProportion,
    type: 'gauge',
    help: 'Share of the reference or current sample in each bin: decile intervals of the reference, closed on the right, for numeric features; categories for categorical ones.',
    labels: ['model', 'feature', 'sample', 'bin'],
    unit: 'ratio (0–1)',
  },
  qualityTarget: {
    name: 'driftlab_model_quality_target',
    type: 'gauge',
    help: 'The quality the serving version is held to (metric: accuracy, at least; mean_absolute_error, at most): from the monitoring configuration, else 5 accuracy points below, or a quarter more error than, its holdout.',
    labels: ['model', 'metric'],
    unit: 'as the metric',
  },
  referenceVersion: {
    name: 'driftlab_drift_reference_version',
    type: 'gauge',
    help: 'The model version whose training data drift is measured against (the serving version).',
    labels: ['model'],
    unit: 'version number',
  },
  dataQuality: {
    name: 'driftlab_data_quality_ratio',
    type: 'gauge',
    help: 'Share of the current window whose value of the feature failed a check: missing, type_violation, out_of_range, unseen_category.',
    labels: ['model', 'feature', 'check'],
    unit: 'ratio (0–1)',
  },
  duplicateInstances: {
    name: 'driftlab_duplicate_instances_ratio',
    type: 'gauge',
    help: "Share of the current window whose instance repeated one of the model's last 1,024 with the same event time: requests a client sent twice (retries).",
    labels: ['model'],
    unit: 'ratio (0–1)',
  },
  schemaViolations: {
    name: 'driftlab_schema_violations_total',
    type: 'counter',
    help: 'Instances received with any input fault or an unknown field.',
    labels: ['model'],
    unit: 'instances',
  },
  eventsRefused: {
    name: 'driftlab_exporter_events_refused_total',
    type: 'counter',
    help: "Events the exporter refused to take in, by reason: unknown_model, unknown_version, schema_mismatch (task, row lengths or category indices not as the version's schema), time_range (not an epoch-ms time from 2000 to 2200), time_ahead (over 30 days after the model's latest event), model_limit, version_limit, request_limit (the bounds on what events may create or a request may cost). A refused item refuses its whole ingest request; it counts once.",
    labels: ['reason'],
    unit: 'events',
  },
  detections: {
    name: 'driftlab_concept_drift_detections_total',
    type: 'counter',
    help: "Changes an online detector (adwin, page_hinkley) found in the version's error stream.",
    labels: ['model', 'version', 'detector'],
    unit: 'detections',
  },
  lastDetection: {
    name: 'driftlab_concept_drift_last_detection_timestamp_seconds',
    type: 'gauge',
    help: 'When the detector last found a change, as simulated Unix time; absent before the first.',
    labels: ['model', 'version', 'detector'],
    unit: 'seconds since the epoch (simulated time)',
  },
  errorEstimate: {
    name: 'driftlab_concept_drift_error_estimate',
    type: 'gauge',
    help: "ADWIN's estimate of the current error rate (classifiers) or scaled error (regressors) over its adaptive window.",
    labels: ['model', 'version'],
    unit: 'ratio (0–1)',
  },
} as const satisfies Record<string, FamilySpec>;

export type FamilyKey = keyof typeof FAMILIES;
