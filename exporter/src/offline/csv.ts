/*
 * A small RFC 4180 reader: comma-separated fields, fields in double quotes may hold commas, line
 * breaks and doubled quotes (""), records end with CRLF or LF. The first record is the header.
 * Lenient where pandas.read_csv is: blank lines are skipped, a UTF-8 byte-order mark is dropped, a
 * quote inside an unquoted field is kept as a character. Strict where silence would mislead: a
 * record with a different number of fields than the header, or an unterminated quote, is an error
 * naming the file and line.
 */
import { OfflineStatsError } from './errors';

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

export function parseCsv(text: string, source: string): CsvTable {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const records: string[][] = [];
  const lines: number[] = [];
  const n = text.length;
  let i = 0;
  let line = 1;
  while (i < n) {
    const start = line;
    const fields: string[] = [];
    let quoted = false;
    // One record: fields until an unquoted line break or the end of the text.
    for (;;) {
      if (text.charCodeAt(i) === QUOTE) {
        const quoteLine = line;
        quoted = true;
        let value = '';
        i++;
        for (;;) {
          const close = text.indexOf('"', i);
          if (close < 0)
            throw new OfflineStatsError(
              `${source} line ${quoteLine}: a quoted field is not closed (field ${fields.length + 1})`,
            );
          const chunk = text.slice(i, close);
          line += countLineBreaks(chunk);
          value += chunk;
          if (text.charCodeAt(close + 1) === QUOTE) {
            value += '"';
            i = close + 2;
          } else {
            i = close + 1;
            break;
          }
        }
        fields.push(value);
        const next = text.charCodeAt(i);
        if (i < n && next !== COMMA && next !== LF && next !== CR)
          throw new OfflineStatsError(
            `${source} line ${line}: unexpected ${JSON.stringify(text[i])} after the closing quote of field ${fields.length}`,
          );
      } else {
        let j = i;
        while (j < n) {
          const c = text.charCodeAt(j);
          if (c === COMMA || c === LF || c === CR) break;
          j++;
        }
        fields.push(text.slice(i, j));
        i = j;
      }
      if (i < n && text.charCodeAt(i) === COMMA) {
        i++;
        continue;
      }
      break;
    }
    // The line break (CRLF, LF or a lone CR), if any.
    if (text.charCodeAt(i) === CR) i++;
    if (text.charCodeAt(i) === LF) i++;
    line++;
    // A blank line carries no record (a quoted empty field "" does).
    if (fields.length === 1 && fields[0] === '' && !quoted) continue;
    records.push(fields);
    lines.push(start);
  }
  if (records.length === 0) throw new OfflineStatsError(`${source} is empty: expected a header line`);
  const [header, ...rows] = records;
  const seen = new Set<string>();
  header.forEach((name, k) => {
    if (name.trim() === '')
      throw new OfflineStatsError(`${source} line ${lines[0]}: header field ${k + 1} has no column name`);
    if (seen.has(name))
      throw new OfflineStatsError(`${source} line ${lines[0]}: column "${name}" appears twice in the header`);
    seen.add(name);
  });
  rows.forEach((row, r) => {
    if (row.length !== header.length)
      throw new OfflineStatsError(
        `${source} line ${lines[r + 1]}: expected ${header.length} fields as in the header, found ${row.length}`,
      );
  });
  return { source, header, rows, lines: lines.slice(1) };
}

function countLineBreaks(s: string): number {
  let count = 0;
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt(k);
    if (c === LF || (c === CR && s.charCodeAt(k + 1) !== LF)) count++;
  }
  return count;
}
