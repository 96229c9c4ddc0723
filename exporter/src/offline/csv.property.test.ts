// Properties of the CSV reader over generated input (fast-check, seeded): what a writer following
// RFC 4180 writes, it reads back cell for cell; and whatever text it is given, it either reads it
// or throws its own error, with a message of bounded length.
import fc from 'fast-check';
import { DEFAULT_CSV_LIMITS, parseCsv } from './csv';
import { OfflineStatsError } from './errors';

const RUNS = { seed: 42, numRuns: 300 };

/** Characters that matter to CSV, and a few that should not. */
const csvChar = fc.constantFrom('a', 'b', '1', ' ', ',', '"', '\n', '\r', '\t', 'é', '😀', '\ufeff');
const cell = fc.oneof(
  fc.string({ unit: csvChar, maxLength: 8 }),
  fc.string({ unit: 'binary', maxLength: 8 }),
);
/** A column name: anything with a non-blank character (a blank one is refused). */
const name = cell.filter((s) => s.trim() !== '');

const table = fc.uniqueArray(name, { minLength: 1, maxLength: 6 }).chain((header) =>
  fc.record({
    header: fc.constant(header),
    rows: fc.array(fc.array(cell, { minLength: header.length, maxLength: header.length }), {
      maxLength: 8,
    }),
    eol: fc.constantFrom('\n', '\r\n'),
    trailingEol: fc.boolean(),
    quoteAll: fc.boolean(),
  }),
);

/**
 * A cell as a writer writes it: quoted when it must be (a comma, a quote, a line break, a leading
 * byte-order mark, or an empty sole cell, which would be a blank line), or always.
 */
function written(value: string, quoteAll: boolean, sole: boolean): string {
  const must = /[",\r\n]/.test(value) || value.startsWith('\ufeff') || (sole && value === '');
  return quoteAll || must ? `"${value.replace(/"/g, '""')}"` : value;
}

describe('parseCsv, properties', () => {
  it('reads back the cells of any table a writer wrote, quoted as needed or always', () => {
    fc.assert(
      fc.property(table, ({ header, rows, eol, trailingEol, quoteAll }) => {
        const sole = header.length === 1;
        const text =
          [header, ...rows].map((r) => r.map((v) => written(v, quoteAll, sole)).join(',')).join(eol) +
          (trailingEol ? eol : '');
        const parsed = parseCsv(text, 'data.csv');
        expect(parsed.header).toEqual(header);
        expect(parsed.rows).toEqual(rows);
      }),
      RUNS,
    );
  });

  it('reads any text or throws its own error, whose message stays short', () => {
    // Small limits, so that generated text reaches them too.
    const limits = { ...DEFAULT_CSV_LIMITS, columns: 5, cellChars: 20, cells: 40 };
    const text = fc.oneof(
      fc.string({ unit: csvChar, maxLength: 300 }),
      fc.string({ unit: 'binary', maxLength: 300 }),
      fc.string({ unit: fc.constantFrom('x', ',', '"', '\n'), maxLength: 300 }),
    );
    fc.assert(
      fc.property(text, fc.boolean(), (input, small) => {
        try {
          parseCsv(input, 'data.csv', small ? limits : DEFAULT_CSV_LIMITS);
        } catch (e) {
          expect(e).toBeInstanceOf(OfflineStatsError);
          // The file's name, a line and a column, and at most 40 quoted characters of the input.
          expect((e as Error).message.length).toBeLessThanOrEqual(160);
        }
      }),
      RUNS,
    );
  });
});
