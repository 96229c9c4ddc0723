// The models' public surface, for serving/src/index.ts and the rest of serving. Pure: no I/O.
export { ModelError } from './errors';
export {
  Preprocessor,
  recordToVector,
  type CategoricalColumn,
  type ColumnSpec,
  type FeatureRecord,
  type NumericColumn,
  type PreprocessingSpec,
} from './preprocess';
export { fitLogistic, LogisticRegression, sigmoid, type LinearFit, type LogisticOptions } from './logistic';
export { fitLinear, LinearRegression, type LinearOptions } from './linear';
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
} from './metrics';
export {
  BINS,
  SAMPLE_SIZE,
  binOf,
  categoricalProfile,
  numericProfile,
  quantile,
  type CategoricalProfile,
  type FeatureProfile,
  type NumericProfile,
  type ReferenceProfile,
} from './profile';
export {
  featureSchema,
  type CategoricalField,
  type FeatureSchema,
  type NumericField,
  type SchemaField,
} from './schema';
export { loadModel, type ModelArtifact, type ModelKind, type Predictor } from './artifact';
export {
  DEFAULT_HOLDOUT_FRACTION,
  DEFAULT_HOLDOUT_SIZE,
  DEFAULT_TRAIN_SIZE,
  MIN_RECORDS,
  trainModel,
  trainOnRecords,
  type LabelledRecord,
  type ModelMetrics,
  type RecordsOptions,
  type TrainedModel,
  type TrainingWindow,
  type TrainOptions,
  type WindowPart,
} from './train';
