import { chmodSync, lstatSync, mkdirSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Where the lab keeps its state: `--data`, else DRIFTLAB_DATA, else ./.driftlab. */
export function dataDir(option?: string): string {
  return resolve(option ?? process.env.DRIFTLAB_DATA ?? '.driftlab');
}

export function registryDir(data: string): string {
  return join(data, 'registry');
}

/** The labelled log (predictions joined with late labels) that retrains read: serving/docs/labelled-log.md. */
export function labelledLogPath(data: string): string {
  return join(data, 'labelled.sqlite');
}

/** The lab's record of alerts, incidents and actions (lab/src/record). */
export function labRecordPath(data: string): string {
  return join(data, 'lab-record.sqlite');
}

/**
 * Makes the data directory the lab's user's alone: the directory (and every one in it) 0700, every
 * file 0600, and this process's umask 077 so what it writes from now on (the record's SQLite
 * files, the registry, run state) is too. The data directory holds tokens and the record's hidden
 * incident ids: answer keys another local user must not read. Earlier versions left 0755/0644.
 */
export function privateDataDir(data: string): void {
  process.umask(0o077);
  mkdirSync(data, { recursive: true, mode: 0o700 });
  restrict(data);
}

function restrict(path: string): void {
  const stat = lstatSync(path);
  if (stat.isSymbolicLink()) return; // never follow a link out of the data directory
  if (stat.isDirectory()) {
    if ((stat.mode & 0o777) !== 0o700) chmodSync(path, 0o700);
    for (const name of readdirSync(path)) restrict(join(path, name));
  } else if ((stat.mode & 0o777) !== 0o600) chmodSync(path, 0o600);
}
