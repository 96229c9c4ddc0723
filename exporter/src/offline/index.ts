// Offline drift statistics of two CSV files (`driftlab stats`).
export { parseCsv, type CsvTable } from './csv';
export { parseNumber, sharedColumns, type CsvColumn, type SharedColumns } from './columns';
export { computeStats, type ColumnStats, type OfflineStatsOptions, type StatsReport } from './stats';
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
