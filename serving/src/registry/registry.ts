// The versioned model registry on disk. Layout, crash-safety argument and the single-owner rule:
// serving/docs/registry.md.
import { existsSync, readdirSync, realpathSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ensureDirectoryDurable, replaceFileAtomic } from './atomic';
import {
  checkMove,
  lastSeq,
  parseLog,
  readDeployments,
  readPointer,
  recordDeployment,
  type ParsedLog,
} from './deployments';
import { reason, RegistryError } from './errors';
import {
  ARTIFACT_FILE,
  checkModelName,
  checkVersionNumber,
  GATES_FILE,
  isModelName,
  LOCK_FILE,
  ModelPaths,
  PROFILE_FILE,
} from './layout';
import { acquireLock, releaseLock } from './lock';
import { hasPublishedVersion, prepareRoot, recoverModel } from './opening';
import type {
  Deployment,
  ModelVersion,
  OpenOptions,
  VersionContents,
  VersionListing,
  VersionStatus,
} from './types';
import {
  listVersions,
  loadChecked,
  nextVersionNumber,
  prepareContents,
  prepareGates,
  readVersionMeta,
  writeVersion,
  type StoredVersion,
} from './versions';

/** Registries this process owns, by real path: a second owner in one process would also be a second writer. */
const OWNED_HERE = new Set<string>();

/** The longest reason a deployment may carry, in UTF-16 code units. */
export const MAX_REASON_LENGTH = 1000;

/**
 * Versions of each model on disk, the serving pointer and the deployment history. Every method is
 * synchronous: operations are rare and human-paced (a retrain, a promotion), each costs a few
 * fsyncs, and a synchronous method can never interleave with another one of the same process, so
 * the registry needs no in-process locking.
 */
export class ModelRegistry {
  private closed = false;
  private readonly releaseAtExit = () => this.close();

  private constructor(
    /** The registry's directory, absolute. */
    readonly dir: string,
    readonly readOnly: boolean,
    /**
     * What opening found and repaired (leftovers of interrupted writes, a stale lock, a torn
     * history line), for the caller's log. Empty after a clean shutdown.
     */
    readonly recovered: readonly string[],
    private readonly now: () => Date,
    private readonly ownedKey: string | null,
  ) {
    if (ownedKey !== null) process.once('exit', this.releaseAtExit);
  }

  /**
   * Opens (by default creating) the registry at `dir`. The owner (not `readOnly`) takes the lock
   * and tidies up after any crash: unfinished version writes are removed, the deployment history is
   * repaired. A damaged model is noted in `recovered` and does not stop the others from opening.
   */
  static open(dir: string, options: OpenOptions = {}): ModelRegistry {
    const root = resolve(dir);
    const readOnly = options.readOnly ?? false;
    const now = options.now ?? (() => new Date());
    prepareRoot(root, !readOnly && (options.create ?? true));
    if (readOnly) return new ModelRegistry(root, true, [], now, null);

    const key = realpathSync(root);
    if (OWNED_HERE.has(key)) {
      throw new RegistryError(
        'locked',
        `${root}: the registry is already open in this process; share that instance`,
        root,
      );
    }
    const lockFile = join(root, LOCK_FILE);
    const note = acquireLock(lockFile, now());
    OWNED_HERE.add(key);
    const recovered: string[] = note ? [`${lockFile}: ${note}`] : [];
    const registry = new ModelRegistry(root, false, recovered, now, key);
    let models: string[];
    try {
      models = registry.models();
    } catch (e) {
      registry.close(); // do not keep a lock on a registry that could not be opened
      throw e;
    }
    for (const model of models) {
      try {
        recovered.push(...recoverModel(new ModelPaths(root, model)));
      } catch (e) {
        recovered.push(`${model}: could not be fully recovered: ${reason(e)}`);
      }
    }
    return registry;
  }

  /** Releases the lock. Writes are refused afterwards; the process may open the registry again. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.ownedKey === null) return;
    process.removeListener('exit', this.releaseAtExit);
    releaseLock(join(this.dir, LOCK_FILE));
    OWNED_HERE.delete(this.ownedKey);
  }

  /** Model names, sorted. A model exists from its first version on. */
  models(): string[] {
    let entries;
    try {
      entries = readdirSync(this.dir, { withFileTypes: true });
    } catch (e) {
      throw new RegistryError('io', `${this.dir}: cannot list the registry (${reason(e)})`, this.dir, {
        cause: e,
      });
    }
    // A crash while a model's first version is written can leave its folder without a published
    // version (even without `versions/`): such a folder is not a model yet.
    return entries
      .filter((e) => e.isDirectory() && isModelName(e.name) && hasPublishedVersion(join(this.dir, e.name)))
      .map((e) => e.name)
      .sort();
  }

  /**
   * Every version of `model`, oldest first. A version whose files are damaged is listed as
   * `unreadable` with the problem, so that one bad version never hides or blocks the others.
   */
  versions(model: string): VersionListing[] {
    const paths = this.paths(model);
    const statusOf = this.statusReader(paths);
    return listVersions(paths).map((version): VersionListing => {
      try {
        const meta = readVersionMeta(paths, version);
        return { ...meta, status: statusOf(meta) };
      } catch (e) {
        if (!(e instanceof RegistryError) || e.code !== 'corrupt') throw e;
        return { model: paths.model, version, status: 'unreadable', problem: e.message, file: e.file };
      }
    });
  }

  /**
   * One version: its metadata now, its artifact and profile when first asked for (each checked
   * against the digest recorded at write time). Throws 'not-found', or 'corrupt' naming the file.
   */
  version(model: string, version: number): ModelVersion {
    const paths = this.paths(model);
    checkVersionNumber(version);
    if (!existsSync(paths.version(version))) {
      const known = listVersions(paths);
      throw new RegistryError(
        'not-found',
        `model "${paths.model}" has no version ${version} (${known.length === 0 ? 'it has none' : `it has ${known.join(', ')}`})`,
      );
    }
    const meta = readVersionMeta(paths, version);
    const dir = paths.version(version);
    const lazy = (load: () => unknown) => {
      let loaded: { value: unknown } | null = null;
      return () => (loaded ??= { value: load() }).value;
    };
    return {
      ...meta,
      status: this.statusReader(paths)(meta),
      artifact: lazy(() => loadChecked(join(dir, ARTIFACT_FILE), meta.files.artifact, 'the artifact')),
      profile: lazy(() => loadChecked(join(dir, PROFILE_FILE), meta.files.profile, 'the reference profile')),
    };
  }

  /** The serving version, or null when none was ever promoted. */
  current(model: string): ModelVersion | null {
    const paths = this.paths(model);
    const pointer = readPointer(paths);
    if (pointer === null) return null;
    if (!existsSync(paths.version(pointer.to))) {
      throw new RegistryError(
        'corrupt',
        `${paths.pointer}: points at version ${pointer.to}, which does not exist; roll back or promote another version`,
        paths.pointer,
      );
    }
    return this.version(model, pointer.to);
  }

  /**
   * Stores a new version and returns its number. The version becomes visible only once complete
   * (crash at any moment: it is there in full or not at all), and its number is reserved on disk
   * before writing starts, so a number is never handed out twice, even after a crash mid-write.
   * The new version is a candidate: it serves only once promoted.
   */
  addVersion(model: string, contents: VersionContents): number {
    this.writable();
    const paths = new ModelPaths(this.dir, checkModelName(model));
    const prepared = prepareContents(contents);
    this.io(paths.versions, () => ensureDirectoryDurable(paths.versions));
    const version = nextVersionNumber(paths);
    this.io(paths.counter, () =>
      replaceFileAtomic(paths.counter, JSON.stringify({ next: version + 1 }) + '\n'),
    );
    writeVersion(paths, version, prepared, this.now());
    return version;
  }

  /** Stores (or replaces) the promotion-gate results of an existing version. */
  recordGates(model: string, version: number, gates: object): void {
    this.writable();
    const text = prepareGates(gates);
    this.version(model, version); // exists and is readable
    const file = join(new ModelPaths(this.dir, model).version(version), GATES_FILE);
    this.io(file, () => replaceFileAtomic(file, text));
  }

  /**
   * Throws what `promote` would for the move alone (a version that is not newer than the serving
   * one): checked before the gates run, so a refused move leaves the version's gate report alone.
   */
  checkPromotion(model: string, version: number): void {
    checkVersionNumber(version);
    const paths = this.paths(model);
    checkMove(paths.model, 'promote', readPointer(paths)?.to ?? null, version);
  }

  /** Makes a newer version (or the first one) serve. Going back is `rollback`. */
  promote(model: string, version: number, reason: string): Deployment {
    return this.deploy('promote', model, version, reason);
  }

  /** Makes any earlier version serve again (earlier than the serving one). */
  rollback(model: string, version: number, reason: string): Deployment {
    return this.deploy('rollback', model, version, reason);
  }

  /** Every promotion and rollback of `model`, oldest first. */
  deployments(model: string): Deployment[] {
    return readDeployments(this.paths(model));
  }

  private deploy(action: Deployment['action'], model: string, version: number, why: string): Deployment {
    this.writable();
    const paths = this.paths(model);
    checkVersionNumber(version);
    if (typeof why !== 'string' || why.trim() === '' || why.length > MAX_REASON_LENGTH) {
      throw new RegistryError(
        'invalid',
        `reason: expected a non-empty text of at most ${MAX_REASON_LENGTH} characters`,
      );
    }
    const pointer = readPointer(paths);
    const from = pointer?.to ?? null;
    checkMove(paths.model, action, from, version);
    // Checked whole (digests and all) before it can serve: a damaged version is refused here, not at
    // the first prediction.
    const target = this.version(model, version);
    // A rollback skips the gates; a version they refused and that never served must not come in
    // that way (its status is "rejected").
    if (action === 'rollback' && target.status === 'rejected')
      throw new RegistryError(
        'conflict',
        `${paths.model}: version ${version} failed its promotion gates and never served; roll back to a version that served, or retrain`,
      );
    target.artifact();
    target.profile();
    const deployment: Deployment = {
      seq: lastSeq(pointer, this.readableLog(paths)) + 1,
      action,
      at: this.now().toISOString(),
      from,
      to: version,
      reason: why.trim(),
    };
    this.io(paths.pointer, () => recordDeployment(paths, deployment));
    return deployment;
  }

  /** The versions that have ever served, from the deployment history. */
  private served(paths: ModelPaths): Set<number> {
    const served = new Set<number>();
    for (const d of this.readableLog(paths).entries) {
      served.add(d.to);
      if (d.from !== null) served.add(d.from);
    }
    return served;
  }

  /** How to tell each version's status: from the pointer and who has ever served (the history). */
  private statusReader(paths: ModelPaths): (meta: StoredVersion) => VersionStatus {
    let serving: number | null = null;
    try {
      serving = readPointer(paths)?.to ?? null;
    } catch {
      // A damaged pointer is reported by current(); listing still works.
    }
    const served = this.served(paths);
    return (meta) => {
      if (meta.version === serving) return 'serving';
      if (served.has(meta.version)) return 'retired';
      return meta.gates?.passed === false ? 'rejected' : 'candidate';
    };
  }

  /** Whatever of the history parses; used where a damaged history must not block anything. */
  private readableLog(paths: ModelPaths): ParsedLog {
    try {
      return parseLog(paths);
    } catch {
      return { entries: [], damaged: [], completeLength: 0, length: 0 };
    }
  }

  private paths(model: string): ModelPaths {
    const paths = new ModelPaths(this.dir, checkModelName(model));
    if (!hasPublishedVersion(paths.dir)) {
      const known = this.models();
      throw new RegistryError(
        'not-found',
        `unknown model "${model}" (${known.length === 0 ? 'the registry is empty' : `known: ${known.join(', ')}`})`,
      );
    }
    return paths;
  }

  private writable(): void {
    if (this.readOnly) throw new RegistryError('read-only', `${this.dir}: the registry was opened read-only`);
    if (this.closed) throw new RegistryError('read-only', `${this.dir}: the registry was closed`);
  }

  /** Runs a file-system step; operating-system errors become 'io' errors naming the file. */
  private io<T>(file: string, step: () => T): T {
    try {
      return step();
    } catch (e) {
      if (e instanceof RegistryError) throw e;
      throw new RegistryError('io', `${file}: ${reason(e)}`, file, { cause: e });
    }
  }
}
