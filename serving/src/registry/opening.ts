// What opening a registry does before it hands out an instance: check (and create) its directory,
// and, for the owner, tidy up each model after a crash. See serving/docs/registry.md.
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { fsyncDirectory, temporaryFileFor } from './atomic';
import { repairLog } from './deployments';
import { reason, RegistryError } from './errors';
import { GATES_FILE, parseVersionDirName, VERSIONS_DIR, type ModelPaths } from './layout';
import { listPartials, listVersions } from './versions';

/** Checks (and creates) the registry directory, with errors that name it. */
export function prepareRoot(root: string, create: boolean): void {
  let stat;
  try {
    stat = statSync(root);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new RegistryError('io', `${root}: the registry directory cannot be read (${reason(e)})`, root, {
        cause: e,
      });
    }
    if (!create) throw new RegistryError('not-found', `${root}: the registry directory does not exist`, root);
    try {
      mkdirSync(root, { recursive: true });
    } catch (e2) {
      throw new RegistryError('io', `${root}: cannot create the registry directory (${reason(e2)})`, root, {
        cause: e2,
      });
    }
    return;
  }
  if (!stat.isDirectory()) throw new RegistryError('io', `${root}: not a directory`, root);
  try {
    readdirSync(root);
  } catch (e) {
    throw new RegistryError('io', `${root}: the registry directory cannot be read (${reason(e)})`, root, {
      cause: e,
    });
  }
}

/** Owner-only tidy-up of one model after a crash; returns what it did. */
export function recoverModel(paths: ModelPaths): string[] {
  const notes: string[] = [];
  const partials = listPartials(paths);
  for (const { name, version } of partials) {
    rmSync(join(paths.versions, name), { recursive: true, force: true });
    notes.push(
      `${join(paths.versions, name)}: removed an unfinished write of version ${version} (the number will not be reused)`,
    );
  }
  if (partials.length > 0) fsyncDirectory(paths.versions);
  const temporaries = [temporaryFileFor(paths.pointer), temporaryFileFor(paths.counter)];
  for (const version of listVersions(paths))
    temporaries.push(temporaryFileFor(join(paths.version(version), GATES_FILE)));
  for (const file of temporaries) {
    if (!existsSync(file)) continue;
    unlinkSync(file);
    notes.push(`${file}: removed an unfinished update`);
  }
  notes.push(...repairLog(paths));
  return notes;
}

/** Whether a model folder holds at least one published version directory. */
export function hasPublishedVersion(modelDir: string): boolean {
  try {
    return readdirSync(join(modelDir, VERSIONS_DIR)).some((name) => parseVersionDirName(name) !== null);
  } catch {
    return false;
  }
}
