import { DEFAULT_CSV_LIMITS, parseCsv } from './csv';

const parse = (text: string) => parseCsv(text, 'data.csv');

describe('parseCsv', () => {
  it('reads a header and rows, LF or CRLF', () => {
    for (const eol of ['\n', '\r\n']) {
      const t = parse(['a,b', '1,x', '2,y'].join(eol) + eol);
      expect(t.header).toEqual(['a', 'b']);
      expect(t.rows).toEqual([
        ['1', 'x'],
        ['2', 'y'],
      ]);
      expect(t.lines).toEqual([2, 3]);
    }
  });

  it('reads quoted fields with commas, escaped quotes and line breaks', () => {
    const t = parse('name,note\r\n"west, coastal","say ""hi"""\r\n"two\r\nlines",""\r\nlast,x');
    expect(t.rows).toEqual([
      ['west, coastal', 'say "hi"'],
      ['two\r\nlines', ''],
      ['last', 'x'],
    ]);
    // The record after the two-line field starts on line 5.
    expect(t.lines).toEqual([2, 3, 5]);
  });

  it('keeps empty fields, skips blank lines and a byte-order mark', () => {
    const t = parse('\ufeffa,b,c\n,,\n\n1,,3\n\n');
    expect(t.header).toEqual(['a', 'b', 'c']);
    expect(t.rows).toEqual([
      ['', '', ''],
      ['1', '', '3'],
    ]);
    expect(t.lines).toEqual([2, 4]);
  });

  it('keeps a quoted empty field in a one-column file, and a quote inside an unquoted field', () => {
    expect(parse('a\n""\n5\'11"\n').rows).toEqual([[''], ['5\'11"']]);
  });

  it('names the file and line of a ragged row', () => {
    expect(() => parse('a,b,c\n1,2,3\n4,5\n')).toThrow(
      'data.csv line 3: expected 3 fields as in the header, found 2',
    );
    expect(() => parse('a,b\n1,2,3\n')).toThrow(
      'data.csv line 2: expected 2 fields as in the header, found 3',
    );
  });

  it('names the line where an unclosed quote starts', () => {
    expect(() => parse('a,b\n1,"open\n2,3\n')).toThrow(
      'data.csv line 2: a quoted field is not closed (field 2)',
    );
  });

  it('refuses text after a closing quote', () => {
    expect(() => parse('a,b\n"x"y,2\n')).toThrow(
      'data.csv line 2: unexpected "y" after the closing quote of field 1',
    );
  });

  it('refuses an empty file, a duplicate or an unnamed column', () => {
    expect(() => parse('')).toThrow('data.csv is empty: expected a header line');
    expect(() => parse('\n\n')).toThrow('data.csv is empty');
    expect(() => parse('a,b,a\n1,2,3\n')).toThrow('data.csv line 1: column "a" appears twice in the header');
    expect(() => parse('a,,c\n1,2,3\n')).toThrow('data.csv line 1: header field 2 has no column name');
  });

  it('reads a header-only file as a table with no rows', () => {
    expect(parse('a,b\n').rows).toEqual([]);
  });

  it('refuses a header of a million columns after the first thousand, in a short message', () => {
    const header = Array.from({ length: 1_000_000 }, (_, k) => `c${k}`).join(',');
    let message = '';
    try {
      parse(`${header}\n`);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toBe('data.csv line 1: more than 1000 fields; at most 1000 columns are read');
    expect(parse(Array.from({ length: 1000 }, (_, k) => `c${k}`).join(',')).header).toHaveLength(1000);
  });

  it('refuses a cell over the length limit, naming the line and the column, quoting none of it', () => {
    const long = 'x'.repeat(DEFAULT_CSV_LIMITS.cellChars + 1);
    expect(() => parse(`a,b\n1,${long}\n`)).toThrow(
      'data.csv line 2, column 2 ("b"): a cell longer than 10000 characters',
    );
    expect(() => parse(`a,b\n1,2\n3,"${long}"\n`)).toThrow(
      'data.csv line 3, column 2 ("b"): a cell longer than 10000 characters',
    );
    expect(() => parse(`${long},b\n`)).toThrow(
      'data.csv line 1, column 1: a cell longer than 10000 characters',
    );
    expect(parse(`a\n${'x'.repeat(DEFAULT_CSV_LIMITS.cellChars)}\n`).rows[0][0]).toHaveLength(10_000);
  });

  it('refuses more cells in all than the limit', () => {
    const limits = { ...DEFAULT_CSV_LIMITS, cells: 10 };
    expect(() => parseCsv('a,b\n1,2\n3,4\n5,6\n7,8\n9,10\n', 'data.csv', limits)).toThrow(
      'data.csv line 6: more than 10 cells in all',
    );
  });

  it('quotes at most 40 characters of a column name in a message', () => {
    const name = 'n'.repeat(5000);
    let message = '';
    try {
      parse(`${name},${name}\n`);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toBe(
      `data.csv line 1: column "${'n'.repeat(40)}…" appears twice in the header (fields 1 and 2)`,
    );
  });
});
