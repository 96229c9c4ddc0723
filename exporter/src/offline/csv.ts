/*
 * A small RFC 4180 reader: comma-separated fields, fields in double quotes may hold commas, line
 * breaks and doubled quotes (""), records end with CRLF or LF. The first record is the header.
 * Lenient where pandas.read_csv is: blank lines are skipped, a UTF-8 byte-order mark is dropped, a
 * quote inside an unquoted field is kept as a character. Strict where silence would mislead: a
 * record with a different number of fields than the header, or an unterminated quote, is an error
 * naming the file and line. Bounded: a file is any input (a header of a million columns, a cell of
 * a gigabyte), so columns, cell length and cells in all have limits, checked as the text is read,
 * and messages quote at most a few dozen characters of it.
 */
import { OfflineStatsError, quoted } from './errors';

export interface CsvLimits {
  /** Bytes a file may have (read.ts). */
  readonly bytes: number;
  /** Fields a record may have. */
  readonly columns: number;
  /** Characters a cell may have. */
  readonly cellChars: number;
  /** Cells in all, header included: what the parsed table holds in memory. */
  readonly cells: number;
}

/** 200 MiB: the most `driftlab stats` reads of a file. */
export const MAX_CSV_BYTES = 200 * 1024 * 1024;

/**
 * Far beyond a training set a student compares by hand, and well within memory: 20 million cells
 * are a few hundred megabytes as strings.
 */
export const DEFAULT_CSV_LIMITS: CsvLimits = {
  bytes: MAX_CSV_BYTES,
  columns: 1_000,
  cellChars: 10_000,
  cells: 20_000_000,
};

export interface CsvTable {
  /** The name errors use (the file's path). */
  readonly source: string;
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
  /** The line each row starts on (1-based; the header is on line 1 unless blank lines precede it). */
  readonly lines: readonly number[];
}

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

export function parseCsv(text: string, source: string, limits: CsvLimits = DEFAULT_CSV_LIMITS): CsvTable {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const reader = new RecordReader(text, source, limits);
  const records: string[][] = [];
  const lines: number[] = [];
  while (!reader.done) {
    const start = reader.line;
    const record = reader.record();
    if (record) {
      records.push(record);
      lines.push(start);
      reader.header ??= record;
    }
  }
  if (records.length === 0) throw new OfflineStatsError(`${source} is empty: expected a header line`);
  const [header, ...rows] = records;
  checkHeader(header, source, lines[0]);
  rows.forEach((row, r) => {
    if (row.length !== header.length)
      throw new OfflineStatsError(
        `${source} line ${lines[r + 1]}: expected ${header.length} fields as in the header, found ${row.length}`,
      );
  });
  return { source, header, rows, lines: lines.slice(1) };
}

/** Reads the text record by record, keeping the position and the line it is on. */
class RecordReader {
  private i = 0;
  /** The line the position is on (1-based). */
  line = 1;
  /** The first record, once read: errors in later ones name the column. */
  header: readonly string[] | undefined;
  private cells = 0;

  constructor(
    private readonly text: string,
    private readonly source: string,
    private readonly limits: CsvLimits,
  ) {}

  /** Where field `field` (1-based) of the record starting on `line` is, for a message. */
  private where(line: number, field: number): string {
    const name = this.header?.[field - 1];
    return `${this.source} line ${line}, column ${field}${name === undefined ? '' : ` (${quoted(name)})`}`;
  }

  get done(): boolean {
    return this.i >= this.text.length;
  }

  /** The next record's fields, up to an unquoted line break or the end; null for a blank line. */
  record(): string[] | null {
    const { text, limits } = this;
    const start = this.line;
    const fields: string[] = [];
    let wasQuoted = false;
    for (;;) {
      if (text.charCodeAt(this.i) === QUOTE) {
        wasQuoted = true;
        fields.push(this.quotedField(fields.length + 1));
      } else fields.push(this.plainField(fields.length + 1));
      if (this.i < text.length && text.charCodeAt(this.i) === COMMA) {
        if (fields.length >= limits.columns)
          throw new OfflineStatsError(
            `${this.source} line ${start}: more than ${limits.columns} fields; at most ${limits.columns} columns are read`,
          );
        this.i++;
        continue;
      }
      break;
    }
    this.cells += fields.length;
    if (this.cells > limits.cells)
      throw new OfflineStatsError(
        `${this.source} line ${start}: more than ${limits.cells} cells in all; a file may have at most that many`,
      );
    // The line break (CRLF, LF or a lone CR), if any.
    if (text.charCodeAt(this.i) === CR) this.i++;
    if (text.charCodeAt(this.i) === LF) this.i++;
    this.line++;
    // A blank line carries no record (a quoted empty field "" does).
    return fields.length === 1 && fields[0] === '' && !wasQuoted ? null : fields;
  }

  /** A field in double quotes, the position on its opening quote; `field` numbers it for errors. */
  private quotedField(field: number): string {
    const { text, source } = this;
    const quoteLine = this.line;
    let value = '';
    this.i++;
    for (;;) {
      const close = text.indexOf('"', this.i);
      if (close < 0)
        throw new OfflineStatsError(
          `${source} line ${quoteLine}: a quoted field is not closed (field ${field})`,
        );
      if (value.length + (close - this.i) > this.limits.cellChars) throw this.tooLong(quoteLine, field);
      const chunk = text.slice(this.i, close);
      this.line += countLineBreaks(chunk);
      value += chunk;
      if (text.charCodeAt(close + 1) === QUOTE) {
        value += '"';
        this.i = close + 2;
      } else {
        this.i = close + 1;
        break;
      }
    }
    const next = text.charCodeAt(this.i);
    if (this.i < text.length && next !== COMMA && next !== LF && next !== CR)
      throw new OfflineStatsError(
        `${source} line ${this.line}: unexpected ${JSON.stringify(text[this.i])} after the closing quote of field ${field}`,
      );
    return value;
  }

  /** A field without quotes: up to the next comma or line break. */
  private plainField(field: number): string {
    const { text } = this;
    const end = Math.min(text.length, this.i + this.limits.cellChars + 1);
    let j = this.i;
    while (j < end) {
      const c = text.charCodeAt(j);
      if (c === COMMA || c === LF || c === CR) break;
      j++;
    }
    if (j - this.i > this.limits.cellChars) throw this.tooLong(this.line, field);
    const value = text.slice(this.i, j);
    this.i = j;
    return value;
  }

  private tooLong(line: number, field: number): OfflineStatsError {
    return new OfflineStatsError(
      `${this.where(line, field)}: a cell longer than ${this.limits.cellChars} characters`,
    );
  }
}

/** Every header field names a column, and no name appears twice. */
function checkHeader(header: readonly string[], source: string, line: number): void {
  const seen = new Set<string>();
  header.forEach((name, k) => {
    if (name.trim() === '')
      throw new OfflineStatsError(`${source} line ${line}: header field ${k + 1} has no column name`);
    if (seen.has(name))
      throw new OfflineStatsError(
        `${source} line ${line}: column ${quoted(name)} appears twice in the header (fields ${header.indexOf(name) + 1} and ${k + 1})`,
      );
    seen.add(name);
  });
}

function countLineBreaks(s: string): number {
  let count = 0;
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt(k);
    if (c === LF || (c === CR && s.charCodeAt(k + 1) !== LF)) count++;
  }
  return count;
}
