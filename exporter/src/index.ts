// The exporter package's public surface: what the lab, the bench and the cross-component tests use,
// and the drift API exporter/docs/drift.md shows callers. Everything else is internal.
export {
  categoricalColumnDrift,
  ksTwoSample,
  numericColumnDrift,
  sortSample,
  sortedSample,
  wassersteinDistance,
} from './drift';
export {
  computeStats,
  DEFAULT_CSV_LIMITS,
  formatStatsTable,
  MAX_CSV_BYTES,
  OfflineStatsError,
  readCsvFile,
  statsNotes,
  statsToJson,
} from './offline';
export type { WindowSpec } from './windows';
export { Exporter } from './exporter';
export { DEFAULT_INGEST_LIMITS, REFUSAL_REASONS, type IngestLimits, type RefusalReason } from './admission';
export { FAMILIES } from './metrics/families';
export { ModelMonitor } from './monitor/model-monitor';
export { ConfigError, DEFAULT_MONITORING, monitoringConfig, type MonitoringConfig } from './config';
export { ingestRoutes } from './http/ingest';
export { batchToWire, labelToWire, type WireBatch, type WireLabel } from './http/wire';
