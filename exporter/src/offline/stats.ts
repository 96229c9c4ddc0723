/*
 * `driftlab stats`: the drift statistics of every column two CSV files share, reference against
 * current. Pure over parsed tables; reading the files is read.ts's job.
 */
import {
  categoricalColumnDrift,
  numericColumnDrift,
  type CategoricalColumnDrift,
  type ColumnTestOptions,
  type NumericColumnDrift,
} from '../drift';
import { sharedColumns } from './columns';
import type { CsvTable } from './csv';
import { OfflineStatsError, quoted } from './errors';

export interface OfflineStatsOptions {
  /** Per-column test overrides, by column name. */
  readonly columns?: Readonly<Record<string, ColumnTestOptions>>;
}

/**
 * What `stats` says of a column. Only a column with usable values in both files is tested: a
 * column whose values are all nan or inf in a file has no sample there, and its test's "no drift"
 * would be a verdict on nothing.
 */
export type ColumnDecision = 'drift' | 'no_drift' | 'no_usable_values';

export interface ColumnStats {
  readonly name: string;
  readonly drift: NumericColumnDrift | CategoricalColumnDrift;
  readonly decision: ColumnDecision;
  /** Empty cells left out, per file. */
  readonly missing: { readonly reference: number; readonly current: number };
}

export interface StatsReport {
  readonly reference: { readonly source: string; readonly rows: number };
  readonly current: { readonly source: string; readonly rows: number };
  readonly columns: ColumnStats[];
  /** Columns in one file only: not compared. */
  readonly onlyInReference: string[];
  readonly onlyInCurrent: string[];
}

export function computeStats(
  reference: CsvTable,
  current: CsvTable,
  options: OfflineStatsOptions = {},
): StatsReport {
  for (const table of [reference, current])
    if (table.rows.length === 0) throw new OfflineStatsError(`${table.source} has a header but no data rows`);
  const shared = sharedColumns(reference, current);
  const overrides = options.columns ?? {};
  for (const name of Object.keys(overrides))
    if (!shared.columns.some((c) => c.name === name))
      throw new OfflineStatsError(`options name column ${quoted(name)}, which the two files do not share`);
  const columns = shared.columns.map((column): ColumnStats => {
    try {
      const drift =
        column.type === 'numeric'
          ? numericColumnDrift(column.reference, column.current, overrides[column.name])
          : categoricalColumnDrift(column.reference, column.current, overrides[column.name]);
      return { name: column.name, drift, decision: decide(drift), missing: column.missing };
    } catch (e) {
      if (e instanceof RangeError)
        throw new OfflineStatsError(`column ${quoted(column.name)}: ${e.message.slice(0, 200)}`);
      throw e;
    }
  });
  return {
    reference: { source: reference.source, rows: reference.rows.length },
    current: { source: current.source, rows: current.rows.length },
    columns,
    onlyInReference: shared.onlyInReference,
    onlyInCurrent: shared.onlyInCurrent,
  };
}

function decide(drift: NumericColumnDrift | CategoricalColumnDrift): ColumnDecision {
  if (drift.referenceCount === 0 || drift.currentCount === 0) return 'no_usable_values';
  return drift.test.drifted ? 'drift' : 'no_drift';
}
