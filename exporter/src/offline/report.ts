/*
 * How `driftlab stats` shows a report: the JSON shape of exporter/docs/drift.md (NaN and infinities
 * as null, since JSON has neither), a table for people, and notes on what was left out.
 */
import { CHANCE_P_VALUE, scoreKind, type CategoricalColumnDrift, type NumericColumnDrift } from '../drift';
import type { ColumnStats, StatsReport } from './stats';

/** A JSON number, or null where the value is NaN or infinite. */
export type JsonNumber = number | null;

export interface TestJson {
  readonly method: string;
  readonly threshold: number;
  readonly drifted: boolean;
}

export interface NumericColumnJson {
  readonly type: 'numeric';
  readonly ks: { readonly statistic: JsonNumber; readonly p_value: JsonNumber };
  readonly wasserstein: JsonNumber;
  readonly wasserstein_norm: JsonNumber;
  readonly psi: JsonNumber;
  readonly jensen_shannon: JsonNumber;
  /** Only when chi-square is the column's test (a numeric column with few distinct values). */
  readonly chi_square?: { readonly statistic: JsonNumber; readonly p_value: JsonNumber };
  readonly bins: {
    readonly edges: JsonNumber[];
    readonly reference: JsonNumber[];
    readonly current: JsonNumber[];
  };
  readonly test: TestJson;
}

export interface CategoricalColumnJson {
  readonly type: 'categorical';
  readonly chi_square: { readonly statistic: JsonNumber; readonly p_value: JsonNumber };
  readonly psi: JsonNumber;
  readonly jensen_shannon: JsonNumber;
  readonly bins: {
    readonly categories: string[];
    readonly reference: JsonNumber[];
    readonly current: JsonNumber[];
  };
  readonly test: TestJson;
}

export interface StatsJson {
  readonly columns: Record<string, NumericColumnJson | CategoricalColumnJson>;
}

const json = (x: number): JsonNumber => (Number.isFinite(x) ? x : null);
const jsonList = (xs: readonly number[]): JsonNumber[] => xs.map(json);

export function statsToJson(report: StatsReport): StatsJson {
  const columns: StatsJson['columns'] = {};
  for (const { name, drift } of report.columns)
    columns[name] = drift.type === 'numeric' ? numericJson(drift) : categoricalJson(drift);
  return { columns };
}

function testJson(drift: NumericColumnDrift | CategoricalColumnDrift): TestJson {
  return { method: drift.test.method, threshold: drift.test.threshold, drifted: drift.test.drifted };
}

/** A test's statistic and p-value (KS, chi-square). */
function testedJson(t: { readonly statistic: number; readonly pValue: number }) {
  return { statistic: json(t.statistic), p_value: json(t.pValue) };
}

/** The raw shares per bin, each sample. */
function sharesJson(bins: { readonly reference: readonly number[]; readonly current: readonly number[] }) {
  return { reference: jsonList(bins.reference), current: jsonList(bins.current) };
}

function numericJson(d: NumericColumnDrift): NumericColumnJson {
  return {
    type: 'numeric',
    ks: testedJson(d.ks),
    wasserstein: json(d.wasserstein),
    wasserstein_norm: json(d.wassersteinNorm),
    psi: json(d.psi),
    jensen_shannon: json(d.jensenShannon),
    ...(d.test.method === 'chi_square' ? { chi_square: testedJson(d.chiSquare) } : {}),
    bins: { edges: jsonList(d.bins.edges), ...sharesJson(d.bins) },
    test: testJson(d),
  };
}

function categoricalJson(d: CategoricalColumnDrift): CategoricalColumnJson {
  return {
    type: 'categorical',
    chi_square: testedJson(d.chiSquare),
    psi: json(d.psi),
    jensen_shannon: json(d.jensenShannon),
    bins: { categories: d.bins.categories, ...sharesJson(d.bins) },
    test: testJson(d),
  };
}

/** Four significant digits; "-" for NaN. */
export function formatNumber(x: number): string {
  if (Number.isNaN(x)) return '-';
  return String(Number(x.toPrecision(4)));
}

const TABLE_HEADER = ['column', 'type', 'test', 'score', 'drift if', 'drift', 'psi', 'jensen_shannon'];

/** The report as a table with one row per column, a summary line and the notes. */
export function formatStatsTable(report: StatsReport): string {
  const rows = report.columns.map(({ name, drift }) => {
    const { method, threshold, score, drifted } = drift.test;
    const pValue = scoreKind(method) === 'p_value';
    return [
      name,
      drift.type,
      pValue ? `${method} p-value` : method,
      formatNumber(score),
      // A distance on a numeric column must also be unlikely by chance (default-test.ts).
      pValue
        ? `< ${threshold}`
        : `≥ ${threshold}${drift.type === 'numeric' ? `, ks p < ${CHANCE_P_VALUE}` : ''}`,
      drifted ? 'DRIFT' : 'no',
      formatNumber(drift.psi),
      formatNumber(drift.jensenShannon),
    ];
  });
  const widths = TABLE_HEADER.map((h, k) => Math.max(h.length, ...rows.map((r) => r[k].length)));
  const line = (cells: string[]) =>
    cells
      .map((c, k) => c.padEnd(widths[k]))
      .join('  ')
      .trimEnd() + '\n';
  const drifted = report.columns.filter((c) => c.drift.test.drifted).length;
  let out =
    `reference: ${report.reference.source} (${report.reference.rows} rows)\n` +
    `current:   ${report.current.source} (${report.current.rows} rows)\n\n`;
  out += line(TABLE_HEADER);
  for (const row of rows) out += line(row);
  out += `\n${drifted} of ${report.columns.length} columns drifted.\n`;
  const notes = statsNotes(report);
  if (notes.length > 0) out += '\nNotes:\n' + notes.map((n) => `  ${n}\n`).join('');
  return out;
}

/** What was left out or could not be computed, one line each. */
export function statsNotes(report: StatsReport): string[] {
  const notes: string[] = [];
  for (const column of report.columns) notes.push(...columnNotes(column));
  if (report.onlyInReference.length > 0)
    notes.push(`not compared, only in ${report.reference.source}: ${report.onlyInReference.join(', ')}`);
  if (report.onlyInCurrent.length > 0)
    notes.push(`not compared, only in ${report.current.source}: ${report.onlyInCurrent.join(', ')}`);
  return notes;
}

function columnNotes({ name, drift, missing }: ColumnStats): string[] {
  const notes: string[] = [];
  if (missing.reference > 0 || missing.current > 0)
    notes.push(
      `${name}: empty cells left out: ${missing.reference} in reference, ${missing.current} in current`,
    );
  if (drift.type === 'numeric' && (drift.referenceDropped > 0 || drift.currentDropped > 0))
    notes.push(
      `${name}: non-finite values (nan, inf) left out: ${drift.referenceDropped} in reference, ${drift.currentDropped} in current`,
    );
  if (drift.reason) notes.push(`${name}: ${drift.reason}`);
  return notes;
}
