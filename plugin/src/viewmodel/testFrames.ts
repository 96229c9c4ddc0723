import { DataFrame, FieldType } from '@grafana/data';

import { promFrame } from '../fixtures/frames';

/** Small hand-made frames for the transform tests. */
export const T0 = Date.UTC(2026, 10, 20, 10, 0, 0);
export const MIN = 60_000;

export function score(
  feature: string,
  method: string,
  values: number[],
  extra: Record<string, string> = {},
  model = 'credit'
): DataFrame {
  const threshold = method === 'ks' || method === 'chi_square' ? '0.05' : '0.1';
  return promFrame(
    'driftlab_drift_score',
    { model, feature, method, threshold, ...extra },
    values.map((_, i) => T0 + i * MIN),
    values
  );
}

export function instant(name: string, labels: Record<string, string>, value: number, time = T0): DataFrame {
  return promFrame(name, labels, [time], [value]);
}

/** Prometheus "table" format: label columns, one row per series. */
export function table(rows: Array<Record<string, string | number>>, valueName = 'Value'): DataFrame {
  const labelNames = [...new Set(rows.flatMap((r) => Object.keys(r).filter((k) => k !== 'value' && k !== 'time')))];
  return {
    refId: 'A',
    length: rows.length,
    fields: [
      { name: 'Time', type: FieldType.time, config: {}, values: rows.map((r) => Number(r.time ?? T0)) },
      ...labelNames.map((name) => ({
        name,
        type: FieldType.string,
        config: {},
        values: rows.map((r) => (r[name] === undefined ? '' : String(r[name]))),
      })),
      { name: valueName, type: FieldType.number, config: {}, values: rows.map((r) => Number(r.value)) },
    ],
  };
}
