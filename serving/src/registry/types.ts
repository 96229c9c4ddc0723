/** What `addVersion` stores. Every field is a plain JSON object, opaque to the registry. */
export interface VersionContents {
  /** The trained model (weights, preprocessing…), whatever its trainer needs to rebuild it. */
  readonly artifact: object;
  /** The data it was trained on, e.g. `{ from, to, events, source: 'simulator' | 'retrain' }`. */
  readonly trainingWindow: object;
  /** Holdout metrics. */
  readonly metrics: object;
  /** The input fields the model accepts (what the prediction API validates against). */
  readonly featureSchema: object;
  /** Per-feature distributions of the training data: the exporter's drift reference (can be ~100 KB). */
  readonly profile: object;
  /** Promotion-gate results, if the gates ran before the version was stored (see `recordGates`). */
  readonly gates?: object;
}

/** Promotion-gate results as stored: any JSON object with a verdict. */
export interface GateResults {
  readonly passed: boolean;
  readonly [key: string]: unknown;
}

/**
 * Derived, never stored, so it cannot disagree with the pointer and the deployment history:
 * `serving` is the current version; `retired` served before; `rejected` failed its promotion gates;
 * `candidate` is everything else (stored, never served).
 */
export type VersionStatus = 'serving' | 'retired' | 'rejected' | 'candidate';

export interface FileDigest {
  readonly bytes: number;
  readonly sha256: string;
}

/** A version's metadata (cheap: the artifact and the profile are not read). */
export interface VersionInfo {
  readonly model: string;
  readonly version: number;
  readonly status: VersionStatus;
  /** ISO time the version was written. */
  readonly createdAt: string;
  readonly trainingWindow: Readonly<Record<string, unknown>>;
  readonly metrics: Readonly<Record<string, unknown>>;
  readonly featureSchema: Readonly<Record<string, unknown>>;
  readonly gates: GateResults | null;
  readonly files: { readonly artifact: FileDigest; readonly profile: FileDigest };
}

/** A version whose files are damaged: listed so that one bad version never hides the others. */
export interface UnreadableVersion {
  readonly model: string;
  readonly version: number;
  readonly status: 'unreadable';
  /** What is wrong, naming the file. */
  readonly problem: string;
  readonly file?: string;
}

export type VersionListing = VersionInfo | UnreadableVersion;

/** A version with its large parts loaded on first use (and checked against their digests). */
export interface ModelVersion extends VersionInfo {
  artifact(): unknown;
  profile(): unknown;
}

/** One change of the serving version. */
export interface Deployment {
  /** 1, 2, 3… per model, in order. */
  readonly seq: number;
  readonly action: 'promote' | 'rollback';
  /** ISO time. */
  readonly at: string;
  /** The version serving before, null for the first promotion. */
  readonly from: number | null;
  readonly to: number;
  readonly reason: string;
}

export interface OpenOptions {
  /** Create the directory when it is missing (default true; never when read-only). */
  readonly create?: boolean;
  /**
   * Read without owning: no lock, no clean-up, every write refused. For other processes (the CLI
   * while serving runs, the exporter reading reference profiles): every change the owner makes is
   * a rename, so a reader sees the state before it or after it.
   */
  readonly readOnly?: boolean;
  /** The clock for creation and deployment times (default: the wall clock). */
  readonly now?: () => Date;
}
