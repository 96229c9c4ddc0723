import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { fileIssue, ScenarioError } from './error';
import { MAX_SCENARIO_BYTES } from './limits';

const LIMIT = `${MAX_SCENARIO_BYTES} bytes (256 kB)`;

/**
 * The text of a scenario file, never reading more than MAX_SCENARIO_BYTES + 1 bytes of it: a
 * regular file's size is checked before it is opened, and devices and pipes (which have no size:
 * `/dev/zero` reached 4.6 GB through readFileSync) are cut off one byte past the limit.
 * Throws a ScenarioError naming the file.
 */
export function readScenarioText(path: string): string {
  const refuse = (message: string) => new ScenarioError(path, [fileIssue(message)]);
  try {
    const stat = statSync(path);
    if (stat.isFile() && stat.size > MAX_SCENARIO_BYTES)
      throw refuse(`the file is ${stat.size} bytes; a scenario file may be at most ${LIMIT}`);
    const buffer = Buffer.alloc(MAX_SCENARIO_BYTES + 1);
    const length = readInto(path, buffer);
    if (length > MAX_SCENARIO_BYTES)
      throw refuse(`the file is larger than ${LIMIT}, the limit for a scenario file`);
    return buffer.toString('utf8', 0, length);
  } catch (e) {
    if (e instanceof ScenarioError) throw e;
    throw refuse(`cannot read the file: ${(e as Error).message}`);
  }
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
