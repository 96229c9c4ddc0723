/**
 * What went wrong, as a code the HTTP layer and the CLI can map to an answer (404, 409, 500…)
 * without parsing messages.
 */
export type RegistryErrorCode =
  /** No such model or version. */
  | 'not-found'
  /** The request contradicts the registry's state (promote the serving version, roll forward…). */
  | 'conflict'
  /** The caller passed something unusable (a bad model name, a value that is not JSON…). */
  | 'invalid'
  /** A file on disk cannot be read or does not hold what it should (`file` names it). */
  | 'corrupt'
  /** Another live process owns the registry. */
  | 'locked'
  /** The operating system refused (permissions, disk full, not a directory…). */
  | 'io'
  /** A write was attempted through a registry opened read-only. */
  | 'read-only';

/** Every error the registry throws. Messages name the model, version, field or file involved. */
export class RegistryError extends Error {
  constructor(
    readonly code: RegistryErrorCode,
    message: string,
    /** The file or directory at fault, when there is one. */
    readonly file?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'RegistryError';
  }
}

/** The message of an operating-system error without the stack, for wrapping into ours. */
export function reason(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
