// Offline drift statistics of two CSV files (`driftlab stats`).
export { DEFAULT_CSV_LIMITS, MAX_CSV_BYTES, parseCsv, type CsvLimits, type CsvTable } from './csv';
export { parseNumber, sharedColumns, type CsvColumn, type SharedColumns } from './columns';
export {
  computeStats,
  type ColumnDecision,
  type ColumnStats,
  type OfflineStatsOptions,
  type StatsReport,
} from './stats';
export { readCsvFile } from './read';
export {
  formatNumber,
  formatStatsTable,
  statsNotes,
  statsToJson,
  type CategoricalColumnJson,
  type NumericColumnJson,
  type StatsJson,
} from './report';
export { OfflineStatsError } from './errors';
