import { existsSync, mkdtempSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_CSV_LIMITS, MAX_CSV_BYTES } from './csv';
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

  it('refuses a file over the size limit by its size, without reading it', () => {
    const path = join(dir, 'huge.csv');
    writeFileSync(path, 'a\n1\n');
    truncateSync(path, MAX_CSV_BYTES + 1); // sparse: nothing to read, were it read
    const started = performance.now();
    expect(() => readCsvFile(path)).toThrow(
      `${path} is too large: ${MAX_CSV_BYTES + 1} bytes; at most ${MAX_CSV_BYTES} bytes (200 MiB) are read`,
    );
    expect(performance.now() - started).toBeLessThan(100);
  });

  // A device's size says nothing: it is read up to the limit and one byte more, then refused.
  (existsSync('/dev/zero') ? it : it.skip)('reads at most the limit and a byte of /dev/zero', () => {
    const limits = { ...DEFAULT_CSV_LIMITS, bytes: 1 << 20 };
    expect(() => readCsvFile('/dev/zero', limits)).toThrow(
      '/dev/zero is too large: more than 1048576 bytes (1 MiB), the most that is read',
    );
  });
});
