// The models' public surface, for serving/src/index.ts and the rest of serving. Pure: no I/O.
export { ModelError } from './errors';
export {
  Preprocessor,
  recordToVector,
  type CategoricalColumn,
  type ColumnSpec,
  type NumericColumn,
  type PreprocessingSpec,
} from './preprocess';
export { fitLogistic, LogisticRegression, sigmoid, type LogisticOptions } from './logistic';
export { LinearModel, type LinearFit } from './linear-model';
export { fitLinear, LinearRegression, type LinearOptions } from './linear';
export { featureSchema } from './schema';
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
