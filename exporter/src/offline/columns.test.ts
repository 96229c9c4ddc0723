import { parseNumber, sharedColumns } from './columns';
import { parseCsv } from './csv';

const table = (text: string, source: string) => parseCsv(text, source);

describe('parseNumber', () => {
  it('reads decimal numbers and the non-finite tokens Python reads', () => {
    expect(['1', '-2.5', '+.5', '1.', '1e3', ' 7 ', '2E-2'].map(parseNumber)).toEqual([
      1, -2.5, 0.5, 1, 1000, 7, 0.02,
    ]);
    expect(['inf', '-Infinity', 'NaN', '+INF'].map(parseNumber)).toEqual([
      Infinity,
      -Infinity,
      NaN,
      Infinity,
    ]);
    expect(['0x10', '1,5', 'abc', '', '1e', '--1'].map(parseNumber)).toEqual(new Array(6).fill(undefined));
  });
});

describe('sharedColumns', () => {
  it('types each shared column once for both files, leaving empty cells out', () => {
    const reference = table('id,x,c,only\n1,1.5,a,q\n2,,b,q\n3,2,a,q\n', 'ref.csv');
    const current = table('c,x,id,extra\nb,3,1,z\na,nan,2,z\nc,4,x,z\n', 'cur.csv');
    const shared = sharedColumns(reference, current);
    expect(shared.onlyInReference).toEqual(['only']);
    expect(shared.onlyInCurrent).toEqual(['extra']);
    const [id, x, c] = shared.columns;
    // "id" is numeric in the reference but has "x" in the current file: categorical in both.
    expect(id).toMatchObject({
      name: 'id',
      type: 'categorical',
      reference: ['1', '2', '3'],
      current: ['1', '2', 'x'],
    });
    expect(x.type).toBe('numeric');
    expect(Array.from(x.reference as Float64Array)).toEqual([1.5, 2]);
    expect(Array.from(x.current as Float64Array)).toEqual([3, NaN, 4]);
    expect(x.missing).toEqual({ reference: 1, current: 0 });
    expect(c).toMatchObject({ type: 'categorical', reference: ['a', 'b', 'a'], current: ['b', 'a', 'c'] });
  });

  it('refuses files that share no column, naming both headers', () => {
    expect(() => sharedColumns(table('a,b\n1,2\n', 'ref.csv'), table('c\n3\n', 'cur.csv'))).toThrow(
      'ref.csv and cur.csv share no column: the reference has "a", "b"; the current file has "c"',
    );
  });

  it('refuses a column with no values in a file', () => {
    expect(() => sharedColumns(table('a,b\n1,\n2, \n', 'ref.csv'), table('a,b\n1,2\n', 'cur.csv'))).toThrow(
      'column "b" has no values in ref.csv: every cell is empty',
    );
  });

  it('lists at most about 50 characters of each header of files that share no column', () => {
    const header = (prefix: string) => Array.from({ length: 1000 }, (_, k) => `${prefix}${k}`).join(',');
    let message = '';
    try {
      sharedColumns(table(`${header('a')}\n`, 'ref.csv'), table(`${header('b')}\n`, 'cur.csv'));
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(
      /^ref\.csv and cur\.csv share no column: the reference has "a0", "a1", .* and \d+ more; /,
    );
    expect(message.length).toBeLessThan(250);
  });
});
