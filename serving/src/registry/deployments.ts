// The serving pointer and the deployment history of one model.
//
// `current.json` is the truth about what serves; it holds the deployment that made it so, and is
// replaced atomically. `deployments.jsonl` is the history, append-only and unbounded: deployments
// are human-paced (a few per lab session, ~150 bytes each), the history is what students and tutors
// read after an incident, and a file that is only ever appended can lose at most its torn last line
// in a crash, never an older entry. The pointer is written first and the log second, so after a
// crash the log can only lag the pointer by one entry, which the pointer itself holds: `repairLog`
// (at open) and `readDeployments` (for readers) put it back.
import { closeSync, existsSync, fsyncSync, ftruncateSync, openSync, readFileSync } from 'node:fs';
import { appendDurable, replaceFileAtomic } from './atomic';
import { reason, RegistryError } from './errors';
import { readJsonObject } from './json';
import type { ModelPaths } from './layout';
import type { Deployment } from './types';

const CLEAR_POINTER = 'delete the file to clear the pointer, then promote a version';

/** `value` as a Deployment, or a description of what is wrong with it. */
function asDeployment(value: unknown): Deployment | string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'not a JSON object';
  const d = value as Record<string, unknown>;
  const whole = (x: unknown) => typeof x === 'number' && Number.isSafeInteger(x) && x >= 1;
  if (!whole(d.seq)) return 'seq: expected a whole number from 1';
  if (d.action !== 'promote' && d.action !== 'rollback') return "action: expected 'promote' or 'rollback'";
  if (typeof d.at !== 'string') return 'at: expected an ISO time';
  if (d.from !== null && !whole(d.from)) return 'from: expected a version number or null';
  if (!whole(d.to)) return 'to: expected a version number';
  if (typeof d.reason !== 'string') return 'reason: expected a string';
  const { seq, action, at, from, to } = d as unknown as Deployment;
  return { seq, action, at, from, to, reason: d.reason };
}

/** The deployment that made the current version serve, or null when nothing was ever promoted. */
export function readPointer(paths: ModelPaths): Deployment | null {
  if (!existsSync(paths.pointer)) return null;
  const raw = readJsonObject(paths.pointer, 'the current-version pointer', CLEAR_POINTER);
  const deployment = asDeployment(raw.deployment);
  const problem =
    typeof deployment === 'string'
      ? `deployment.${deployment}`
      : raw.version !== deployment.to
        ? `version ${JSON.stringify(raw.version)} disagrees with deployment.to ${deployment.to}`
        : null;
  if (problem !== null || typeof deployment === 'string') {
    throw new RegistryError(
      'corrupt',
      `${paths.pointer}: the current-version pointer is damaged (${problem}); ${CLEAR_POINTER}`,
      paths.pointer,
    );
  }
  return deployment;
}

export function writePointer(paths: ModelPaths, deployment: Deployment): void {
  replaceFileAtomic(paths.pointer, JSON.stringify({ version: deployment.to, deployment }, null, 2) + '\n');
}

export interface ParsedLog {
  readonly entries: Deployment[];
  /** Complete lines that do not parse, as `file:line: problem`. */
  readonly damaged: string[];
  /** Bytes up to the end of the last complete line; anything after it is a torn write. */
  readonly completeLength: number;
  readonly length: number;
}

export function parseLog(paths: ModelPaths): ParsedLog {
  let buffer: Buffer;
  try {
    buffer = readFileSync(paths.log);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT')
      return { entries: [], damaged: [], completeLength: 0, length: 0 };
    throw new RegistryError(
      'corrupt',
      `${paths.log}: the deployment history cannot be read (${reason(e)})`,
      paths.log,
      {
        cause: e,
      },
    );
  }
  const completeLength = buffer.lastIndexOf(0x0a) + 1;
  const lines = buffer.toString('utf8', 0, completeLength).split('\n');
  lines.pop(); // after the last newline
  const entries: Deployment[] = [];
  const damaged: string[] = [];
  lines.forEach((line, i) => {
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (e) {
      damaged.push(`${paths.log}:${i + 1}: not valid JSON (${reason(e)})`);
      return;
    }
    const deployment = asDeployment(value);
    if (typeof deployment === 'string') damaged.push(`${paths.log}:${i + 1}: ${deployment}`);
    else entries.push(deployment);
  });
  return { entries, damaged, completeLength, length: buffer.length };
}

/** The highest sequence number used so far, from the pointer and whatever of the log is readable. */
export function lastSeq(pointer: Deployment | null, log: ParsedLog): number {
  return log.entries.reduce((max, d) => Math.max(max, d.seq), pointer?.seq ?? 0);
}

/**
 * The history, oldest first, as readers should see it: the log, plus the pointer's deployment when
 * a crash (or a reader arriving between the two writes) left the log one entry behind. A torn last
 * line is ignored; a damaged complete line is an error naming the file and line.
 */
export function readDeployments(paths: ModelPaths): Deployment[] {
  const log = parseLog(paths);
  if (log.damaged.length > 0) {
    throw new RegistryError(
      'corrupt',
      `the deployment history is damaged:\n${log.damaged.join('\n')}\n(the current-version pointer is unaffected)`,
      paths.log,
    );
  }
  let pointer: Deployment | null = null;
  try {
    pointer = readPointer(paths);
  } catch {
    // A damaged pointer is reported by current(); the history itself is still readable.
  }
  const entries = log.entries;
  if (pointer && pointer.seq > lastSeq(null, log)) entries.push(pointer);
  return entries;
}

/**
 * Refuses a move the action does not make: promote only goes forward (to a version newer than the
 * serving one, or the first), rollback only back (to an earlier one). Throws 'conflict'.
 */
export function checkMove(
  model: string,
  action: Deployment['action'],
  from: number | null,
  version: number,
): void {
  if (action === 'promote' && from !== null && version <= from) {
    throw new RegistryError(
      'conflict',
      version === from
        ? `${model}: version ${version} is already serving`
        : `${model}: version ${version} is older than the serving version ${from}; use rollback to go back`,
    );
  }
  if (action === 'rollback' && (from === null || version >= from)) {
    throw new RegistryError(
      'conflict',
      from === null
        ? `${model}: nothing serves yet, so there is nothing to roll back; promote a version first`
        : `${model}: rollback goes to a version earlier than the serving version ${from}, not ${version}; use promote to go forward`,
    );
  }
}

/** Records a deployment: pointer first (it is the truth), then the history. */
export function recordDeployment(paths: ModelPaths, deployment: Deployment): void {
  writePointer(paths, deployment);
  try {
    appendDurable(paths.log, JSON.stringify(deployment) + '\n');
  } catch (e) {
    throw new RegistryError(
      'io',
      `version ${deployment.to} of ${paths.model} now serves, but ${paths.log} could not be appended to (${reason(e)}); ` +
        'the entry is kept in the pointer and the history is repaired at the next open',
      paths.log,
      { cause: e },
    );
  }
}

/**
 * Owner-only repair at open: cuts a torn last line (an append interrupted by a crash) and appends
 * the pointer's deployment if the crash came between the two writes. Returns notes for the log.
 */
export function repairLog(paths: ModelPaths): string[] {
  const notes: string[] = [];
  const log = parseLog(paths);
  if (log.completeLength < log.length) {
    const fd = openSync(paths.log, 'r+');
    try {
      ftruncateSync(fd, log.completeLength);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    notes.push(`${paths.log}: removed a torn last line (${log.length - log.completeLength} bytes)`);
  }
  const pointer = readPointer(paths);
  if (pointer && pointer.seq > lastSeq(null, log)) {
    appendDurable(paths.log, JSON.stringify(pointer) + '\n');
    notes.push(
      `${paths.log}: restored deployment ${pointer.seq} (to version ${pointer.to}) from ${paths.pointer}`,
    );
  }
  return notes;
}
