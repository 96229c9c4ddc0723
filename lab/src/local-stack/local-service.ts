import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { accessSync, constants, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** The first of `names` that is an executable on PATH, or null. */
export function onPath(names: string | readonly string[], path = process.env.PATH ?? ''): string | null {
  for (const name of typeof names === 'string' ? [names] : names)
    for (const dir of path.split(delimiter)) {
      if (!dir) continue;
      const file = join(dir, name);
      try {
        accessSync(file, constants.X_OK);
        return file;
      } catch {
        // not here
      }
    }
  return null;
}

export interface LocalService {
  readonly url: string;
  /** host:port, for configurations that name it. */
  readonly address: string;
  stop(): Promise<void>;
}

export interface LocalServiceSpec {
  readonly name: string;
  readonly binary: string;
  /** The port it listens on when free (else any free port). */
  readonly preferredPort: number;
  /** Files to write under its temporary directory (given, for absolute paths), by relative path. */
  readonly files: (dir: string, port: number) => Readonly<Record<string, string | Buffer>>;
  readonly args: (dir: string, port: number) => string[];
  readonly readyPath: string;
  readonly readyTimeoutMs?: number;
  /** The child's working directory. */
  readonly cwd?: string;
}

async function portFree(port: number): Promise<boolean> {
  const server = createServer();
  return new Promise((resolve) => {
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

async function anyPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * A monitoring binary for `driftlab start` without Docker: its files and data in a temporary
 * directory (removed on stop), listening on loopback only, ready when `readyPath` answers.
 */
export async function startLocalService(spec: LocalServiceSpec): Promise<LocalService> {
  const dir = mkdtempSync(join(tmpdir(), `driftlab-${spec.name}-`));
  const cleanUp = () => rmSync(dir, { recursive: true, force: true });
  const port = (await portFree(spec.preferredPort)) ? spec.preferredPort : await anyPort();
  try {
    for (const [path, text] of Object.entries(spec.files(dir, port))) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      // Configurations may hold a password (Grafana's): readable by this user only.
      writeFileSync(join(dir, path), text, { mode: 0o600 });
    }
  } catch (e) {
    cleanUp();
    throw e;
  }
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(spec.binary, spec.args(dir, port), {
    stdio: ['ignore', 'pipe', 'pipe'],
    cwd: spec.cwd,
  });
  let output = '';
  const keep = (s: string) => (output = (output + s).slice(-4000));
  child.stdout!.setEncoding('utf8').on('data', keep);
  child.stderr!.setEncoding('utf8').on('data', keep);
  let spawnError: Error | undefined;
  child.once('error', (e) => (spawnError = e));
  const deadline = Date.now() + (spec.readyTimeoutMs ?? 10_000);
  for (;;) {
    if (spawnError || child.exitCode !== null) {
      cleanUp();
      const why = spawnError?.message ?? child.exitCode;
      throw new Error(`${spec.name} exited (${why}): ${output.trim().split('\n').at(-1) ?? ''}`);
    }
    if (
      await fetch(`${url}${spec.readyPath}`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      await once(child, 'exit');
      cleanUp();
      throw new Error(`${spec.name} did not become ready within ${(spec.readyTimeoutMs ?? 10_000) / 1000} s`);
    }
    await sleep(100);
  }
  return {
    url,
    address: `127.0.0.1:${port}`,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await once(child, 'exit');
        clearTimeout(kill);
      }
      cleanUp();
    },
  };
}
