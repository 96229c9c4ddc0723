// One version directory: written whole into a hidden partial directory, then published by a rename.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { publishDirectory, writeFileDurable } from './atomic';
import { reason, RegistryError } from './errors';
import { describe, readJsonObject, serialiseObject, sha256 } from './json';
import {
  ARTIFACT_FILE,
  FORMAT,
  GATES_FILE,
  META_FILE,
  parsePartialDirName,
  parseVersionDirName,
  PROFILE_FILE,
  type ModelPaths,
} from './layout';
import type { FileDigest, GateResults, VersionContents, VersionInfo } from './types';

/** Contents checked and serialised before anything touches the disk. */
export interface PreparedContents {
  readonly artifact: string;
  readonly profile: string;
  readonly gates: string | null;
  readonly trainingWindow: object;
  readonly metrics: object;
  readonly featureSchema: object;
}

/** Validates every field (throws 'invalid' naming the first bad one). */
export function prepareContents(contents: VersionContents): PreparedContents {
  if (typeof contents !== 'object' || contents === null) {
    throw new RegistryError('invalid', `contents: expected an object, got ${describe(contents)}`);
  }
  for (const field of ['trainingWindow', 'metrics', 'featureSchema'] as const)
    serialiseObject(contents[field], field);
  return {
    artifact: serialiseObject(contents.artifact, 'artifact'),
    profile: serialiseObject(contents.profile, 'profile'),
    gates: contents.gates === undefined ? null : prepareGates(contents.gates),
    trainingWindow: contents.trainingWindow,
    metrics: contents.metrics,
    featureSchema: contents.featureSchema,
  };
}

export function prepareGates(gates: unknown): string {
  const text = serialiseObject(gates, 'gates');
  if (typeof (gates as { passed?: unknown }).passed !== 'boolean') {
    throw new RegistryError(
      'invalid',
      `gates.passed: expected true or false, got ${describe((gates as { passed?: unknown }).passed)}`,
    );
  }
  return text;
}

const digest = (text: string): FileDigest => ({ bytes: Buffer.byteLength(text), sha256: sha256(text) });

/**
 * Writes version `version` completely, then makes it visible in one rename (see `publishDirectory`).
 * Every file is fsynced before the rename, so after any crash the version directory either does not
 * exist or holds every file in full. A leftover partial directory of the same number (a crash during
 * an earlier attempt) is removed first.
 */
export function writeVersion(
  paths: ModelPaths,
  version: number,
  prepared: PreparedContents,
  createdAt: Date,
): void {
  const partial = paths.partial(version);
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial);
  try {
    writeFileDurable(join(partial, ARTIFACT_FILE), prepared.artifact);
    writeFileDurable(join(partial, PROFILE_FILE), prepared.profile);
    if (prepared.gates !== null) writeFileDurable(join(partial, GATES_FILE), prepared.gates);
    const meta = {
      format: FORMAT,
      model: paths.model,
      version,
      createdAt: createdAt.toISOString(),
      trainingWindow: prepared.trainingWindow,
      metrics: prepared.metrics,
      featureSchema: prepared.featureSchema,
      files: { artifact: digest(prepared.artifact), profile: digest(prepared.profile) },
    };
    writeFileDurable(join(partial, META_FILE), JSON.stringify(meta, null, 2) + '\n');
    publishDirectory(partial, paths.version(version));
  } catch (e) {
    // Best effort: a partial directory is invisible anyway and removed at the next open.
    rmSync(partial, { recursive: true, force: true });
    const published = existsSync(paths.version(version));
    const what = published
      ? `version ${version} is stored, but making it durable failed`
      : `writing version ${version} failed`;
    throw new RegistryError('io', `${paths.model}: ${what} (${reason(e)})`, partial, { cause: e });
  }
}

/** Visible version numbers, ascending. */
export function listVersions(paths: ModelPaths): number[] {
  return readNames(paths)
    .map(parseVersionDirName)
    .filter((n): n is number => n !== null)
    .sort((a, b) => a - b);
}

/** Names of unfinished writes (hidden partial directories) with the number each was creating. */
export function listPartials(paths: ModelPaths): { name: string; version: number }[] {
  return readNames(paths).flatMap((name) => {
    const version = parsePartialDirName(name);
    return version === null ? [] : [{ name, version }];
  });
}

/**
 * The number the next version gets: above every number already handed out (the reserved counter,
 * visible versions, unfinished writes).
 */
export function nextVersionNumber(paths: ModelPaths): number {
  let next = 1;
  try {
    if (existsSync(paths.counter)) {
      const counter = readJsonObject(paths.counter, 'the version counter').next;
      if (typeof counter === 'number' && Number.isSafeInteger(counter)) next = counter;
    }
  } catch {
    // A damaged counter falls back to the directories below: only a never-visible number could repeat.
  }
  for (const version of listVersions(paths)) next = Math.max(next, version + 1);
  for (const { version } of listPartials(paths)) next = Math.max(next, version + 1);
  return next;
}

function readNames(paths: ModelPaths): string[] {
  try {
    return readdirSync(paths.versions);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new RegistryError('io', `${paths.versions}: cannot list versions (${reason(e)})`, paths.versions, {
      cause: e,
    });
  }
}

export type StoredVersion = Omit<VersionInfo, 'status'>;

const isObject = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);
const isDigest = (x: unknown): x is FileDigest =>
  isObject(x) && Number.isSafeInteger(x.bytes) && typeof x.sha256 === 'string';

/**
 * A version's metadata, checked: version.json parses and matches its directory, the artifact and
 * the profile exist with the recorded sizes (a cheap test for truncation; their digests are checked
 * when they are loaded), and gates.json, if any, parses. Throws 'corrupt' naming the file.
 */
export function readVersionMeta(paths: ModelPaths, version: number): StoredVersion {
  const dir = paths.version(version);
  const metaFile = join(dir, META_FILE);
  const meta = readJsonObject(metaFile, 'the version metadata');
  const bad = (problem: string) => new RegistryError('corrupt', `${metaFile}: ${problem}`, metaFile);
  if (meta.format !== FORMAT) {
    throw bad(`format ${JSON.stringify(meta.format)} is not one this registry reads (${FORMAT})`);
  }
  if (meta.version !== version || meta.model !== paths.model) {
    throw bad(
      `describes ${JSON.stringify(meta.model)} version ${JSON.stringify(meta.version)}, not the directory it is in`,
    );
  }
  if (typeof meta.createdAt !== 'string') throw bad('createdAt: expected an ISO time');
  for (const field of ['trainingWindow', 'metrics', 'featureSchema']) {
    if (!isObject(meta[field])) throw bad(`${field}: expected a JSON object`);
  }
  const files = meta.files as Record<string, unknown> | undefined;
  if (!isObject(files) || !isDigest(files.artifact) || !isDigest(files.profile)) {
    throw bad('files: expected the size and sha256 of the artifact and the profile');
  }
  checkSize(join(dir, ARTIFACT_FILE), files.artifact, 'the artifact');
  checkSize(join(dir, PROFILE_FILE), files.profile, 'the reference profile');
  const gatesFile = join(dir, GATES_FILE);
  let gates: GateResults | null = null;
  if (existsSync(gatesFile)) {
    const value = readJsonObject(gatesFile, 'the promotion-gate results');
    if (typeof value.passed !== 'boolean') {
      throw new RegistryError('corrupt', `${gatesFile}: passed: expected true or false`, gatesFile);
    }
    gates = value as GateResults;
  }
  return {
    model: paths.model,
    version,
    createdAt: meta.createdAt,
    trainingWindow: meta.trainingWindow as Record<string, unknown>,
    metrics: meta.metrics as Record<string, unknown>,
    featureSchema: meta.featureSchema as Record<string, unknown>,
    gates,
    files: { artifact: files.artifact, profile: files.profile },
  };
}

function checkSize(file: string, expected: FileDigest, what: string): void {
  let size: number;
  try {
    size = statSync(file).size;
  } catch (e) {
    const problem =
      (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'is missing' : `cannot be read (${reason(e)})`;
    throw new RegistryError('corrupt', `${file}: ${what} ${problem}`, file, { cause: e });
  }
  if (size !== expected.bytes) {
    throw new RegistryError(
      'corrupt',
      `${file}: ${what} has ${size} bytes, ${expected.bytes} were written (truncated or damaged)`,
      file,
    );
  }
}

/** Reads a large file of a version and checks it against its recorded digest before parsing it. */
export function loadChecked(file: string, expected: FileDigest, what: string): unknown {
  let text: Buffer;
  try {
    text = readFileSync(file);
  } catch (e) {
    throw new RegistryError('corrupt', `${file}: ${what} cannot be read (${reason(e)})`, file, { cause: e });
  }
  if (text.length !== expected.bytes || sha256(text) !== expected.sha256) {
    throw new RegistryError(
      'corrupt',
      `${file}: ${what} does not match the digest recorded when it was written (damaged on disk)`,
      file,
    );
  }
  try {
    return JSON.parse(text.toString('utf8'));
  } catch (e) {
    throw new RegistryError('corrupt', `${file}: ${what} is not valid JSON (${reason(e)})`, file, {
      cause: e,
    });
  }
}
