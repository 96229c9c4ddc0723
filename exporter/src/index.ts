// The exporter package's public surface.
export {};
export {
  categoricalColumnDrift,
  chiSquareGoodnessOfFit,
  jensenShannonDistance,
  ksTwoSample,
  normedWasserstein,
  numericColumnDrift,
  populationStabilityIndex,
  scoreKind,
  sortSample,
  sortedSample,
  wassersteinDistance,
  type CategoricalColumnDrift,
  type ColumnTestOptions,
  type DriftMethod,
  type DriftTestResult,
  type KsResult,
  type NumericColumnDrift,
  type Sample,
  type SortedSample,
} from './drift';
export {
  computeStats,
  formatStatsTable,
  OfflineStatsError,
  readCsvFile,
  statsNotes,
  statsToJson,
  type OfflineStatsOptions,
  type StatsJson,
  type StatsReport,
} from './offline';
export {
  DEFAULT_WINDOWS,
  LabelledWindow,
  ModelWindows,
  PredictionWindow,
  checkWindowSpec,
  windowName,
  type LabelledColumns,
  type LabelledEvent,
  type PredictionColumns,
  type PredictionEvent,
  type WindowSpec,
} from './windows';
export {
  IsotonicCalibration,
  classificationQuality,
  estimateClassification,
  fitIsotonic,
  LabelCoverage,
  labelDelay,
  regressionQuality,
  type Calibration,
  type ClassificationQuality,
  type EstimatedClassification,
  type LabelCoverageSpec,
  type LabelDelay,
  type RegressionQuality,
} from './quality';
export {
  ADWIN_DEFAULTS,
  Adwin,
  PAGE_HINKLEY_DEFAULTS,
  PAGE_HINKLEY_FOR_ERROR_RATES,
  PageHinkley,
  type AdwinOptions,
  type DetectorMethod,
  type DriftDetector,
  type PageHinkleyOptions,
} from './detectors';
export { Exporter, type ExporterOptions } from './exporter';
export { ExporterMetrics, binLabel } from './metrics/exporter-metrics';
export { FAMILIES, type FamilySpec } from './metrics/families';
export { ModelMonitor, DEFAULT_DRIFT_WINDOW, type MonitorOptions } from './monitor/model-monitor';
export { ConfigError, DEFAULT_MONITORING, monitoringConfig, type MonitoringConfig } from './config';
export {
  ACCURACY_TOLERANCE,
  ERROR_TOLERANCE,
  QUALITY_TARGET_METRICS,
  targetFromHoldout,
  type QualityTarget,
} from './quality-target';
export { ingestRoutes } from './http/ingest';
export { createExporterApp } from './http/app';
export {
  batchFromWire,
  batchToWire,
  labelFromWire,
  labelToWire,
  WireError,
  type WireBatch,
  type WireLabel,
} from './http/wire';
