/*
 * Reading a CSV file for the offline statistics, with errors that name the file. Bounded: a file
 * larger than the limit is refused by its size, unread; a path whose size says nothing (a pipe, a
 * device such as /dev/zero) is read up to the limit and one byte more, never further.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { DEFAULT_CSV_LIMITS, parseCsv, type CsvLimits, type CsvTable } from './csv';
import { OfflineStatsError } from './errors';

const CHUNK = 1 << 20;

export function readCsvFile(path: string, limits: CsvLimits = DEFAULT_CSV_LIMITS): CsvTable {
  return parseCsv(readBounded(path, limits.bytes).toString('utf8'), path, limits);
}

/** The file's bytes, or an error when it has more than `max`. */
function readBounded(path: string, max: number): Buffer {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    throw cannotRead(path, e);
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) throw new OfflineStatsError(`cannot read ${path}: it is a directory, not a file`);
    if (stat.isFile() && stat.size > max)
      throw new OfflineStatsError(`${path} is too large: ${stat.size} bytes; at most ${bytes(max)} are read`);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(CHUNK, max + 1 - total));
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n));
      total += n;
      if (total > max)
        throw new OfflineStatsError(`${path} is too large: more than ${bytes(max)}, the most that is read`);
    }
    return Buffer.concat(chunks, total);
  } catch (e) {
    if (e instanceof OfflineStatsError) throw e;
    throw cannotRead(path, e);
  } finally {
    closeSync(fd);
  }
}

/** "209715200 bytes (200 MiB)". */
function bytes(n: number): string {
  const mib = n / (1024 * 1024);
  return `${n} bytes${mib >= 1 ? ` (${+mib.toFixed(1)} MiB)` : ''}`;
}

function cannotRead(path: string, e: unknown): OfflineStatsError {
  const err = e as NodeJS.ErrnoException;
  const why =
    err.code === 'ENOENT'
      ? 'no such file'
      : err.code === 'EISDIR'
        ? 'it is a directory, not a file'
        : err.code === 'EACCES'
          ? 'permission denied'
          : String(err.message).slice(0, 200);
  return new OfflineStatsError(`cannot read ${path}: ${why}`);
}
