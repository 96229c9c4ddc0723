// Durable, all-or-nothing file system steps. Two failure models matter and they need different things:
// - the process is killed (`kill -9`, OOM): the kernel keeps every completed write, so only *atomic
//   visibility* matters: readers must see the old state or the new one, never a half-written file.
//   rename(2) within one directory gives that.
// - the machine stops (power loss, VM reset): writes still in the page cache are lost, possibly out
//   of order, so each rename must come after the data it publishes is on disk (fsync the files), and
//   a rename is only durable once the directory holding it is fsynced.
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** Error codes of file systems that cannot fsync a directory (Windows, some network and FUSE mounts). */
const DIRECTORY_SYNC_UNSUPPORTED = new Set(['EISDIR', 'EINVAL', 'ENOTSUP', 'EPERM', 'EBADF']);

/** Creates or truncates `path`, writes `data` and forces it to disk before returning. */
export function writeFileDurable(path: string, data: string | Uint8Array): void {
  writeSynced(path, 'w', data);
}

/** Opens `path` with `flag` ('w': truncate, 'a': append), writes `data` and fsyncs it. */
function writeSynced(path: string, flag: 'w' | 'a', data: string | Uint8Array): void {
  const fd = openSync(path, flag);
  try {
    writeFileSync(fd, data);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Makes the *entries* of `dir` (creations, renames, deletions) durable. Where the platform cannot
 * (see DIRECTORY_SYNC_UNSUPPORTED) this is a no-op: atomicity against a killed process still holds,
 * only power-loss durability is weaker there.
 */
export function fsyncDirectory(dir: string): void {
  let fd: number;
  try {
    fd = openSync(dir, 'r');
  } catch (e) {
    if (DIRECTORY_SYNC_UNSUPPORTED.has((e as NodeJS.ErrnoException).code ?? '')) return;
    throw e;
  }
  try {
    fsyncSync(fd);
  } catch (e) {
    if (!DIRECTORY_SYNC_UNSUPPORTED.has((e as NodeJS.ErrnoException).code ?? '')) throw e;
  } finally {
    closeSync(fd);
  }
}

/** The temporary sibling `replaceFileAtomic` writes first; names starting with a dot are never data. */
export function temporaryFileFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.tmp`);
}

/**
 * Replaces `path` with `data` so that readers, and the disk after a crash, hold either the old
 * contents or the new ones. Steps: write a temporary sibling and fsync it (the data is on disk
 * before any name points at it); rename it over `path` (atomic within one directory); fsync the
 * directory (the rename itself survives power loss). A crash before the rename leaves the old file
 * plus a temporary that the next writer truncates.
 */
export function replaceFileAtomic(path: string, data: string | Uint8Array): void {
  const temporary = temporaryFileFor(path);
  writeFileDurable(temporary, data);
  renameSync(temporary, path);
  fsyncDirectory(dirname(path));
}

/**
 * Appends `text` (whole lines) to `path` and fsyncs it. A crash can leave at most the last line
 * torn; readers of append-only files must drop an unterminated last line.
 */
export function appendDurable(path: string, text: string): void {
  const created = !existsSync(path);
  writeSynced(path, 'a', text);
  if (created) fsyncDirectory(dirname(path));
}

/** `mkdir -p` whose every new level is durable (each new entry's parent is fsynced). */
export function ensureDirectoryDurable(dir: string): void {
  if (existsSync(dir)) return;
  const parent = dirname(dir);
  if (parent !== dir) ensureDirectoryDurable(parent);
  mkdirSync(dir);
  fsyncDirectory(parent);
}

/**
 * Publishes a fully written directory under its final name in one step. The caller has fsynced
 * every file in `temporary`; here its own entries are fsynced, then it is renamed (atomic: the final
 * name shows all of it or nothing) and the parent is fsynced so the new name survives power loss.
 * The target must not exist: rename(2) would silently replace an *empty* directory.
 */
export function publishDirectory(temporary: string, target: string): void {
  if (dirname(temporary) !== dirname(target))
    throw new Error('publishDirectory: both names must share a parent');
  if (existsSync(target)) throw new Error(`publishDirectory: ${target} already exists`);
  fsyncDirectory(temporary);
  renameSync(temporary, target);
  fsyncDirectory(dirname(target));
}
