import { Writable } from 'node:stream';
import type { CliIo } from './io';
import { runCli } from './program';

/** A Writable that keeps what is written, for command-line tests. */
export class MemoryStream extends Writable {
  text = '';
  isTTY = false;
  override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

/** Runs `driftlab <args>` in-process and returns its exit code and output. */
export async function run(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const io: CliIo = { stdout: new MemoryStream(), stderr: new MemoryStream() };
  const code = await runCli(args, io);
  return { code, stdout: (io.stdout as MemoryStream).text, stderr: (io.stderr as MemoryStream).text };
}
