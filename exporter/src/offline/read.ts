/* Reading a CSV file for the offline statistics, with errors that name the file. */
import { readFileSync } from 'node:fs';
import { parseCsv, type CsvTable } from './csv';
import { OfflineStatsError } from './errors';

export function readCsvFile(path: string): CsvTable {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const why =
      err.code === 'ENOENT'
        ? 'no such file'
        : err.code === 'EISDIR'
          ? 'it is a directory, not a file'
          : err.code === 'EACCES'
            ? 'permission denied'
            : err.message;
    throw new OfflineStatsError(`cannot read ${path}: ${why}`);
  }
  return parseCsv(text, path);
}
