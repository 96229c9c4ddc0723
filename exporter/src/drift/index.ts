// Drift statistics: pure functions over typed arrays, matching scipy (see exporter/docs/drift.md).
export {
  asSortedSample,
  isSortedSample,
  meanAndSd,
  sortedSample,
  sortSample,
  type Sample,
  type SortedSample,
} from './sample';
export {
  KS_EXACT_MAX_SIZE,
  ksTwoSample,
  type KsPValueChoice,
  type KsPValueMethod,
  type KsResult,
} from './ks';
export { kolmogorovSmirnovSf, smirnovSf } from './kstwo';
export { normedWasserstein, SD_FLOOR, wassersteinDistance } from './wasserstein';
export { chiSquareSf, logGamma, regularizedGammaP, regularizedGammaQ } from './gamma';
export { chiSquareDrift, chiSquareGoodnessOfFit, type ChiSquareResult } from './chi-square';
export {
  floorProportions,
  jensenShannonDistance,
  populationStabilityIndex,
  PROPORTION_FLOOR,
  proportionsOf,
} from './divergence';
export { binCounts, categoryCounts, decileEdges, type CategoryCounts } from './bins';
export {
  chooseTest,
  CHANCE_P_VALUE,
  DEFAULT_THRESHOLDS,
  defaultMethod,
  DRIFT_METHODS,
  isDrifted,
  testResult,
  METHODS_FOR,
  scoreKind,
  type ColumnTestOptions,
  type ColumnType,
  type DriftMethod,
  type DriftTestResult,
} from './default-test';
export {
  numericColumnDrift,
  numericColumnResult,
  type NumericColumnDrift,
  type NumericStatistics,
} from './numeric-column';
export {
  categoricalColumnDrift,
  categoricalCountsDrift,
  type CategoricalColumnDrift,
} from './categorical-column';
