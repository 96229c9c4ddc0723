import { DataFrame, Field, FieldType } from '@grafana/data';

import type { Labels } from './frames';
import { examplesText, IssueCollector, plural } from './issues';

/** One numeric series from a frame, however the frame was shaped. */
export interface RawSeries {
  names: Array<string | undefined>;
  labels: Labels;
  times: ArrayLike<unknown> | undefined;
  values: ArrayLike<unknown>;
  /** For table rows: the single row of `values` this series covers. */
  row?: number;
}

export function toNumber(v: unknown): number | undefined {
  if (typeof v === 'number') {
    return v;
  }
  if (v === null || v === undefined || typeof v === 'boolean') {
    return undefined;
  }
  // Prometheus sends sample values as strings ("NaN", "+Inf") when a frame skipped conversion.
  const text = String(v).trim();
  if (text === '') {
    return undefined;
  }
  if (/^[+]?inf(inity)?$/i.test(text)) {
    return Infinity;
  }
  if (/^-inf(inity)?$/i.test(text)) {
    return -Infinity;
  }
  return Number(text);
}

export function toTime(v: unknown): number {
  if (typeof v === 'number') {
    return v;
  }
  if (v instanceof Date) {
    return v.getTime();
  }
  if (typeof v === 'string') {
    const parsed = Date.parse(v);
    return Number.isNaN(parsed) ? NaN : parsed;
  }
  if (v && typeof (v as { valueOf: () => unknown }).valueOf === 'function') {
    const n = (v as { valueOf: () => unknown }).valueOf();
    return typeof n === 'number' ? n : NaN;
  }
  return NaN;
}

/** The indexes of `values` the series covers: one row of a table, or the whole field. */
export function pointRange(raw: RawSeries): { from: number; to: number } {
  return raw.row !== undefined ? { from: raw.row, to: raw.row + 1 } : { from: 0, to: raw.values.length };
}

/** Throws on a frame that is not a DataFrame at all; the caller reports it. */
export function frameSeries(frame: DataFrame, issues: IssueCollector): RawSeries[] {
  const fields: Field[] = Array.isArray(frame?.fields) ? frame.fields : [];
  const timeField = fields.find((f) => f?.type === FieldType.time);
  const numeric = fields.filter((f) => f?.type === FieldType.number && f.values && typeof f.values.length === 'number');
  const labelColumns = fields.filter((f) => f?.type === FieldType.string && f.values);
  if (numeric.length === 0) {
    const name = frame?.name || frame?.refId || 'unnamed';
    issues.add(
      'no-numeric',
      'warning',
      (n, ex) => `Ignored ${plural(n, 'frame')} without a numeric field${examplesText(ex, n)}.`,
      name
    );
    return [];
  }
  const times = timeField?.values;
  if (labelColumns.length === 0) {
    return numeric.map((f) => fieldSeries(f, frame, times, {}));
  }
  // Table format: labels are string columns, one series per row and numeric column.
  const out: RawSeries[] = [];
  const rows = Math.min(...numeric.map((f) => f.values.length));
  for (let row = 0; row < rows; row++) {
    const rowLabels = labelsOfRow(labelColumns, row);
    for (const f of numeric) {
      out.push(fieldSeries(f, frame, times, rowLabels, row));
    }
  }
  return out;
}

function fieldSeries(
  field: Field,
  frame: DataFrame,
  times: RawSeries['times'],
  rowLabels: Labels,
  row?: number
): RawSeries {
  return {
    names: [field.name, field.config?.displayNameFromDS, frame.name],
    labels: { ...(field.labels ?? {}), ...rowLabels },
    times,
    values: field.values,
    row,
  };
}

function labelsOfRow(labelColumns: Field[], row: number): Labels {
  const labels: Labels = {};
  for (const column of labelColumns) {
    const v = column.values[row];
    if (v !== null && v !== undefined && v !== '') {
      labels[column.name] = String(v);
    }
  }
  return labels;
}
