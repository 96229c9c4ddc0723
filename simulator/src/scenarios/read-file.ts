import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { fileIssue, ScenarioError } from './error';
import { MAX_SCENARIO_BYTES } from './limits';

/** A file the CLI was given that is too large or cannot be read; the message says which and why. */
export class InputFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputFileError';
  }
}

/**
 * The text of a file given on the command line, never reading more than `maxBytes` + 1 bytes of it:
 * a regular file's size is checked before it is opened, and devices and pipes (which have no size:
 * `/dev/zero` reached 4.6 GB through readFileSync) are cut off one byte past the limit. `what` names
 * the kind of file in messages ("a scenario file"). Throws InputFileError.
 */
export function readTextLimited(path: string, maxBytes: number, what: string): string {
  const limit = `${maxBytes} bytes${roundSize(maxBytes)}`;
  try {
    const stat = statSync(path);
    if (stat.isFile() && stat.size > maxBytes)
      throw new InputFileError(`the file is ${stat.size} bytes; ${what} may be at most ${limit}`);
    const buffer = Buffer.alloc(maxBytes + 1);
    const length = readInto(path, buffer);
    if (length > maxBytes)
      throw new InputFileError(`the file is larger than ${limit}, the limit for ${what}`);
    return buffer.toString('utf8', 0, length);
  } catch (e) {
    if (e instanceof InputFileError) throw e;
    // The system's code (ENOENT, EISDIR, EACCES): the path is named by whoever shows the message.
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputFileError(`cannot read the file: ${code ?? (e as Error).message}`);
  }
}

/** The text of a scenario file, within MAX_SCENARIO_BYTES (256 kB); throws a ScenarioError naming the file. */
export function readScenarioText(path: string): string {
  try {
    return readTextLimited(path, MAX_SCENARIO_BYTES, 'a scenario file');
  } catch (e) {
    throw new ScenarioError(path, [fileIssue((e as Error).message)]);
  }
}

/** " (256 kB)", " (1 MB)": a limit as people say it, when it is a round one. */
function roundSize(bytes: number): string {
  if (bytes % 1_048_576 === 0) return ` (${bytes / 1_048_576} MB)`;
  return bytes % 1024 === 0 ? ` (${bytes / 1024} kB)` : '';
}

/** Reads from the start of the file until `buffer` is full or the file ends; the bytes read. */
function readInto(path: string, buffer: Buffer): number {
  const fd = openSync(path, 'r');
  try {
    let length = 0;
    while (length < buffer.length) {
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
    }
    return length;
  } finally {
    closeSync(fd);
  }
}
