// Quality over windows: realised metrics, label coverage and delay, and the label-free estimate.
export { classificationQuality, type ClassificationQuality } from './classification';
export { estimateClassification, type EstimatedClassification } from './cbpe';
export { fitIsotonic, IsotonicCalibration, poolAdjacentViolators, type Calibration } from './isotonic';
export {
  DEFAULT_LABEL_COVERAGE,
  LabelCoverage,
  MIN_COVERAGE_SAMPLE,
  type LabelCoverageCount,
  type LabelCoverageSpec,
} from './label-coverage';
export { labelDelay, type LabelDelay } from './labels';
export { regressionQuality, type RegressionQuality } from './regression';
export type { ClassificationRows, PredictionRows, RegressionRows } from './rows';
