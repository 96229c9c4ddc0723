// The contracts package's public surface: what crosses a component boundary. No runtime
// dependencies, so anything (the browser-side panel included) can import it.
export { requestId, type LabelEvent, type PredictionBatch } from './predictions';
export {
  type FeatureRecord,
  type LabelledLogSink,
  type LoggedLabel,
  type LoggedPrediction,
  type WaitingPrediction,
} from './labelled-log';
export { type CategoricalField, type FeatureSchema, type NumericField, type SchemaField } from './schema';
export {
  BINS,
  type CategoricalProfile,
  type FeatureProfile,
  type ModelReference,
  type NumericProfile,
  type ReferenceProfile,
  type ReferenceSource,
} from './profile';
export { faultBit, INPUT_FAULTS, type InputFault } from './faults';
export { EARLIEST_EVENT_TIME_MS, EVENT_TIME_EXPECTED, isEventTime, LATEST_EVENT_TIME_MS } from './event-time';
export { DRIFT_METRICS, PREDICTION_FEATURE } from './metric-names';
export {
  DRIFT_PANEL_DEFAULTS,
  DRIFT_PANEL_ID,
  type ColorBy,
  type DriftMethod,
  type DriftPanelMode,
  type DriftPanelOptions,
  type MethodChoice,
  type SortOrder,
} from './drift-panel';
export { binOf, quantile } from './maths/quantiles';
export { categoricalProfile, numericProfile, SAMPLE_SIZE } from './profile-builders';
export {
  calibrationBins,
  classificationMetrics,
  expectedCalibrationError,
  logLoss,
  precisionRecallF1,
  regressionMetrics,
  rocAuc,
  type CalibrationBins,
  type ClassificationMetrics,
  type Metrics,
  type RegressionMetrics,
} from './maths/metrics';
export { jsonBodyOptions, MAX_JSON_DEPTH } from './json-body';
