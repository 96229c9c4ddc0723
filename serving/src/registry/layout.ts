// Names on disk, in one place (the tree is drawn in serving/docs/registry.md). Names starting with
// a dot are never data: temporaries and unfinished writes, ignored by readers, removed at open.
import { join } from 'node:path';
import { RegistryError } from './errors';

export const LOCK_FILE = 'registry.lock';
export const VERSIONS_DIR = 'versions';
export const POINTER_FILE = 'current.json';
export const LOG_FILE = 'deployments.jsonl';
export const COUNTER_FILE = 'next-version.json';
export const META_FILE = 'version.json';
export const ARTIFACT_FILE = 'artifact.json';
export const PROFILE_FILE = 'profile.json';
export const GATES_FILE = 'gates.json';
/** Version-directory format; a reader refuses one it does not know rather than misread it. */
export const FORMAT = 1;

const PARTIAL_PREFIX = '.partial-';
const MODEL_NAME = /^[a-z][a-z0-9_-]{0,63}$/;

/** Model names become directory names: lowercase letters, digits, '-' and '_' (no path tricks). */
export function checkModelName(model: unknown): string {
  if (typeof model !== 'string' || !MODEL_NAME.test(model)) {
    throw new RegistryError(
      'invalid',
      `model: expected a name of lowercase letters, digits, '-' or '_' starting with a letter, got ${JSON.stringify(model)}`,
    );
  }
  return model;
}

export function isModelName(name: string): boolean {
  return MODEL_NAME.test(name);
}

export function checkVersionNumber(version: unknown): number {
  if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 1) {
    throw new RegistryError(
      'invalid',
      `version: expected a whole number from 1, got ${JSON.stringify(version)}`,
    );
  }
  return version;
}

/** Zero-padded so that `ls` lists versions in order. */
export function versionDirName(version: number): string {
  return String(version).padStart(6, '0');
}

/** The version a directory name stands for, or null when it is not one (only canonical names count). */
export function parseVersionDirName(name: string): number | null {
  if (!/^\d+$/.test(name)) return null;
  const version = Number(name);
  return version >= 1 && Number.isSafeInteger(version) && versionDirName(version) === name ? version : null;
}

export function partialDirName(version: number): string {
  return PARTIAL_PREFIX + versionDirName(version);
}

/** The version an unfinished write was creating, or null when `name` is not one. */
export function parsePartialDirName(name: string): number | null {
  return name.startsWith(PARTIAL_PREFIX) ? parseVersionDirName(name.slice(PARTIAL_PREFIX.length)) : null;
}

/** Paths of one model. */
export class ModelPaths {
  constructor(
    readonly root: string,
    readonly model: string,
  ) {}
  get dir(): string {
    return join(this.root, this.model);
  }
  get versions(): string {
    return join(this.dir, VERSIONS_DIR);
  }
  get pointer(): string {
    return join(this.dir, POINTER_FILE);
  }
  get log(): string {
    return join(this.dir, LOG_FILE);
  }
  get counter(): string {
    return join(this.dir, COUNTER_FILE);
  }
  version(version: number): string {
    return join(this.versions, versionDirName(version));
  }
  partial(version: number): string {
    return join(this.versions, partialDirName(version));
  }
}
