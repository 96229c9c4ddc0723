import type { Writable } from 'node:stream';

/** Where a command writes: the process's streams in production, buffers in tests. */
export interface CliIo {
  readonly stdout: Writable & { isTTY?: boolean };
  readonly stderr: Writable & { isTTY?: boolean };
}

/** A command failed in a way the user can fix; `code` is the exit code (1 by default). */
export class CliError extends Error {
  constructor(
    message: string,
    readonly code = 1,
  ) {
    super(message);
  }
}
