// Quality over windows: realised metrics, label coverage and delay, and the label-free estimate.
export { classificationQuality, type ClassificationQuality, type ClassificationRows } from './classification';
export { estimateClassification, type EstimatedClassification, type PredictionRows } from './cbpe';
export { fitIsotonic, IsotonicCalibration, poolAdjacentViolators, type Calibration } from './isotonic';
export { labelCoverage, labelDelay, type LabelDelay } from './labels';
export { regressionQuality, type RegressionQuality, type RegressionRows } from './regression';
