import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readCsvFile } from './read';

describe('readCsvFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'driftlab-read-'));

  it('reads and parses a file', () => {
    const path = join(dir, 'ok.csv');
    writeFileSync(path, 'a\n1\n');
    expect(readCsvFile(path)).toMatchObject({ source: path, header: ['a'], rows: [['1']] });
  });

  it('says which file is missing, or a directory', () => {
    expect(() => readCsvFile(join(dir, 'nope.csv'))).toThrow(
      `cannot read ${join(dir, 'nope.csv')}: no such file`,
    );
    expect(() => readCsvFile(dir)).toThrow(`cannot read ${dir}: it is a directory, not a file`);
  });
});
