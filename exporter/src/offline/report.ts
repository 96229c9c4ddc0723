/*
 * How `driftlab stats` shows a report: the JSON shape of exporter/docs/drift.md (NaN and infinities
 * as null, since JSON has neither), a table for people, and notes on what was left out.
 */
import { CHANCE_P_VALUE, scoreKind, type CategoricalColumnDrift, type NumericColumnDrift } from '../drift';
import { listed } from './errors';
import type { ColumnDecision, ColumnStats, StatsReport } from './stats';

/** A JSON number, or null where the value is NaN or infinite. */
export type JsonNumber = number | null;

export interface TestJson {
  readonly method: string;
  readonly threshold: number;
  /** null: not tested, the column has no usable values in a file. */
  readonly drifted: boolean | null;
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
  for (const { name, drift, decision } of report.columns) {
    const test = testJson(drift, decision);
    columns[name] = drift.type === 'numeric' ? numericJson(drift, test) : categoricalJson(drift, test);
  }
  return { columns };
}

function testJson(drift: NumericColumnDrift | CategoricalColumnDrift, decision: ColumnDecision): TestJson {
  const drifted = decision === 'no_usable_values' ? null : decision === 'drift';
  return { method: drift.test.method, threshold: drift.test.threshold, drifted };
}

/** A test's statistic and p-value (KS, chi-square). */
function testedJson(t: { readonly statistic: number; readonly pValue: number }) {
  return { statistic: json(t.statistic), p_value: json(t.pValue) };
}

/** The raw shares per bin, each sample. */
function sharesJson(bins: { readonly reference: readonly number[]; readonly current: readonly number[] }) {
  return { reference: jsonList(bins.reference), current: jsonList(bins.current) };
}

function numericJson(d: NumericColumnDrift, test: TestJson): NumericColumnJson {
  return {
    type: 'numeric',
    ks: testedJson(d.ks),
    wasserstein: json(d.wasserstein),
    wasserstein_norm: json(d.wassersteinNorm),
    psi: json(d.psi),
    jensen_shannon: json(d.jensenShannon),
    ...(d.test.method === 'chi_square' ? { chi_square: testedJson(d.chiSquare) } : {}),
    bins: { edges: jsonList(d.bins.edges), ...sharesJson(d.bins) },
    test,
  };
}

function categoricalJson(d: CategoricalColumnDrift, test: TestJson): CategoricalColumnJson {
  return {
    type: 'categorical',
    chi_square: testedJson(d.chiSquare),
    psi: json(d.psi),
    jensen_shannon: json(d.jensenShannon),
    bins: { categories: d.bins.categories, ...sharesJson(d.bins) },
    test,
  };
}

/** Four significant digits; "-" for NaN. */
export function formatNumber(x: number): string {
  if (Number.isNaN(x)) return '-';
  return String(Number(x.toPrecision(4)));
}

/** The decision column of the table. */
const DECISION_TEXT: Record<ColumnDecision, string> = {
  drift: 'DRIFT',
  no_drift: 'no',
  no_usable_values: 'no usable values',
};

const TABLE_HEADER = ['column', 'type', 'test', 'score', 'drift if', 'drift', 'psi', 'jensen_shannon'];

/** The report as a table with one row per column, a summary line and the notes. */
export function formatStatsTable(report: StatsReport): string {
  const rows = report.columns.map(({ name, drift, decision }) => {
    const { method, threshold, score } = drift.test;
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
      DECISION_TEXT[decision],
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
  const drifted = report.columns.filter((c) => c.decision === 'drift').length;
  const untested = report.columns.filter((c) => c.decision === 'no_usable_values').length;
  let out =
    `reference: ${report.reference.source} (${report.reference.rows} rows)\n` +
    `current:   ${report.current.source} (${report.current.rows} rows)\n\n`;
  out += line(TABLE_HEADER);
  for (const row of rows) out += line(row);
  out += `\n${drifted} of ${report.columns.length} columns drifted`;
  out += untested > 0 ? `; ${untested} not tested: no usable values.\n` : '.\n';
  const notes = statsNotes(report);
  if (notes.length > 0) out += '\nNotes:\n' + notes.map((n) => `  ${n}\n`).join('');
  return out;
}

/** What was left out or could not be computed, one line each. */
export function statsNotes(report: StatsReport): string[] {
  const notes: string[] = [];
  for (const column of report.columns) notes.push(...columnNotes(column));
  if (report.onlyInReference.length > 0)
    notes.push(`not compared, only in ${report.reference.source}: ${listed(report.onlyInReference, false)}`);
  if (report.onlyInCurrent.length > 0)
    notes.push(`not compared, only in ${report.current.source}: ${listed(report.onlyInCurrent, false)}`);
  return notes;
}

function columnNotes({ name, drift, decision, missing }: ColumnStats): string[] {
  const notes: string[] = [];
  if (decision === 'no_usable_values') {
    const where =
      drift.referenceCount === 0 && drift.currentCount === 0
        ? 'either file'
        : drift.referenceCount === 0
          ? 'the reference'
          : 'the current file';
    notes.push(`${name}: not tested: no usable values in ${where} (every value is empty, nan or inf)`);
  }
  if (missing.reference > 0 || missing.current > 0)
    notes.push(
      `${name}: empty cells left out: ${missing.reference} in reference, ${missing.current} in current`,
    );
  if (drift.type === 'numeric' && (drift.referenceDropped > 0 || drift.currentDropped > 0))
    notes.push(
      `${name}: non-finite values (nan, inf) left out: ${drift.referenceDropped} in reference, ${drift.currentDropped} in current`,
    );
  if (drift.reason && decision !== 'no_usable_values') notes.push(`${name}: ${drift.reason}`);
  return notes;
}
