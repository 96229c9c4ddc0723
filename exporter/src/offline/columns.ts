/*
 * The columns two CSV tables share, each typed once for both files: numeric when every non-empty
 * cell of the column, in both files, is a number; categorical otherwise. Empty (or blank) cells are
 * missing values, left out and counted. Number tokens: decimal notation with an optional exponent,
 * and inf, infinity, nan in any case with an optional sign (as Python's float reads them); those
 * non-finite ones count as numbers here and are dropped, and counted, by the statistics.
 */
import type { CsvTable } from './csv';
import { listed, OfflineStatsError, quoted } from './errors';

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const NON_FINITE = /^([+-]?)(inf|infinity|nan)$/i;

interface ColumnBase {
  readonly name: string;
  /** Empty cells left out, per file. */
  readonly missing: { readonly reference: number; readonly current: number };
}

export interface NumericCsvColumn extends ColumnBase {
  readonly type: 'numeric';
  readonly reference: Float64Array;
  readonly current: Float64Array;
}

export interface CategoricalCsvColumn extends ColumnBase {
  readonly type: 'categorical';
  readonly reference: string[];
  readonly current: string[];
}

export type CsvColumn = NumericCsvColumn | CategoricalCsvColumn;

export interface SharedColumns {
  /** In the reference file's order. */
  readonly columns: CsvColumn[];
  readonly onlyInReference: string[];
  readonly onlyInCurrent: string[];
}

/** A cell as a number, or undefined when it is not one. */
export function parseNumber(cell: string): number | undefined {
  const s = cell.trim();
  if (NUMBER.test(s)) return Number(s);
  const m = NON_FINITE.exec(s);
  if (!m) return undefined;
  if (m[2].toLowerCase() === 'nan') return NaN;
  return m[1] === '-' ? -Infinity : Infinity;
}

export function sharedColumns(reference: CsvTable, current: CsvTable): SharedColumns {
  const currentIndex = new Map(current.header.map((name, k) => [name, k]));
  const names = reference.header.filter((name) => currentIndex.has(name));
  if (names.length === 0)
    throw new OfflineStatsError(
      `${reference.source} and ${current.source} share no column: ` +
        `the reference has ${listed(reference.header)}; the current file has ${listed(current.header)}`,
    );
  const columns = names.map((name) => {
    const referenceCells = present(reference, reference.header.indexOf(name));
    const currentCells = present(current, currentIndex.get(name)!);
    for (const [cells, table] of [
      [referenceCells, reference],
      [currentCells, current],
    ] as const)
      if (cells.values.length === 0)
        throw new OfflineStatsError(
          `column ${quoted(name)} has no values in ${table.source}: every cell is empty`,
        );
    const missing = { reference: referenceCells.missing, current: currentCells.missing };
    const referenceNumbers = numbers(referenceCells.values);
    const currentNumbers = referenceNumbers && numbers(currentCells.values);
    if (referenceNumbers && currentNumbers)
      return {
        name,
        type: 'numeric',
        missing,
        reference: referenceNumbers,
        current: currentNumbers,
      } as const;
    return {
      name,
      type: 'categorical',
      missing,
      reference: referenceCells.values,
      current: currentCells.values,
    } as const;
  });
  return {
    columns,
    onlyInReference: reference.header.filter((name) => !currentIndex.has(name)),
    onlyInCurrent: current.header.filter((name) => !reference.header.includes(name)),
  };
}

function present(table: CsvTable, index: number): { values: string[]; missing: number } {
  const values: string[] = [];
  for (const row of table.rows) if (row[index].trim() !== '') values.push(row[index]);
  return { values, missing: table.rows.length - values.length };
}

/** All cells as numbers, or undefined as soon as one is not a number. */
function numbers(cells: readonly string[]): Float64Array | undefined {
  const out = new Float64Array(cells.length);
  for (let k = 0; k < cells.length; k++) {
    const v = parseNumber(cells[k]);
    if (v === undefined) return undefined;
    out[k] = v;
  }
  return out;
}
