// A cheap guard for the single-owner rule: one lock file per registry, created exclusively ('wx'),
// holding the owner's pid. It protects against mistakes (two `driftlab start` on one directory);
// it is not a distributed lock: the pid is only meaningful on the machine (pid namespace) that wrote it.
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { reason, RegistryError } from './errors';

export interface LockHolder {
  readonly pid: number;
  readonly hostname: string;
  readonly since: string;
}

/** True while `pid` names a running process (EPERM: it runs, as another user). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readHolder(file: string): LockHolder | null {
  try {
    const value = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockHolder>;
    return Number.isInteger(value.pid) && (value.pid as number) > 0 ? (value as LockHolder) : null;
  } catch {
    return null;
  }
}

/**
 * Takes the lock at `file` or throws 'locked'. A lock left by a dead process is stale and replaced;
 * the returned note says so (for the caller's log). Stale means: the pid is not running, the pid is
 * our own (a container restarts its entry process with the same small pid, and this process has not
 * taken the lock yet: the registry refuses a second open in one process before getting here), or
 * the file holds no pid (the owner died between creating it and writing to it).
 */
export function acquireLock(file: string, now: Date): string | null {
  let note: string | null = null;
  for (let attempt = 0; attempt < 3; attempt++) {
    let fd: number;
    try {
      fd = openSync(file, 'wx');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new RegistryError('io', `${file}: cannot create the lock file (${reason(e)})`, file, {
          cause: e,
        });
      }
      const holder = readHolder(file);
      if (holder && holder.pid !== process.pid && processAlive(holder.pid)) {
        throw new RegistryError(
          'locked',
          `${file}: the registry is owned by process ${holder.pid} on ${holder.hostname} since ${holder.since}; ` +
            'one process owns a registry (stop it, or open read-only). If that process is gone, delete the lock file.',
          file,
        );
      }
      note = holder
        ? `replaced a stale lock of process ${holder.pid} on ${holder.hostname} (since ${holder.since}), which is no longer running`
        : 'replaced a stale lock file that held no process id';
      try {
        unlinkSync(file);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      }
      continue;
    }
    try {
      const holder: LockHolder = { pid: process.pid, hostname: hostname(), since: now.toISOString() };
      writeSync(fd, JSON.stringify(holder) + '\n');
    } finally {
      closeSync(fd);
    }
    return note;
  }
  throw new RegistryError(
    'locked',
    `${file}: the lock keeps reappearing; another process is opening the registry`,
    file,
  );
}

/** Removes the lock if it is still ours (never someone else's, e.g. after a stale-lock takeover). */
export function releaseLock(file: string): void {
  if (readHolder(file)?.pid !== process.pid) return;
  try {
    unlinkSync(file);
  } catch {
    // Already gone: nothing to release.
  }
}
