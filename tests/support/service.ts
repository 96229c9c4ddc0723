import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from './ports';

/** A real server binary (Debian's Prometheus, Alertmanager) on loopback, its files in a temporary directory. */
export interface RunningService {
  readonly url: string;
  /** host:port, for configurations that name it. */
  readonly address: string;
  readonly dir: string;
  stop(): Promise<void>;
}

export interface ServiceSpec {
  /** Binaries to try, in order (Debian names Alertmanager `prometheus-alertmanager`). */
  readonly binaries: readonly string[];
  /** Files to write in the service's directory, by name. */
  readonly files: Readonly<Record<string, string>>;
  readonly args: (dir: string, port: number) => string[];
  readonly readyPath: string;
}

export async function startService(spec: ServiceSpec): Promise<RunningService> {
  const dir = mkdtempSync(join(tmpdir(), `driftlab-${spec.binaries[0]}-`));
  for (const [name, text] of Object.entries(spec.files)) writeFileSync(join(dir, name), text);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const hint = `cannot start ${spec.binaries.join(' or ')}: run bash scripts/system-packages.sh as root`;
  let child: ChildProcess | undefined;
  let spawnError: Error | undefined;
  for (const binary of spec.binaries) {
    const candidate = spawn(binary, spec.args(dir, port), { stdio: ['ignore', 'ignore', 'pipe'] });
    const [error] = await Promise.race([once(candidate, 'error'), once(candidate, 'spawn').then(() => [])]);
    if (!error) {
      child = candidate;
      break;
    }
    spawnError = error as Error;
  }
  if (!child) throw new Error(`${hint} (${spawnError?.message})`);
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (s: string) => (stderr = (stderr + s).slice(-20_000)));
  const deadline = Date.now() + 15_000;
  for (;;) {
    await sleep(100);
    if (child.exitCode !== null)
      throw new Error(`${spec.binaries[0]} exited (${child.exitCode}):\n${stderr}`);
    const ready = await fetch(`${url}${spec.readyPath}`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline) throw new Error(`${spec.binaries[0]} not ready after 15 s:\n${stderr}`);
  }
  const running = child;
  return {
    url,
    address: `127.0.0.1:${port}`,
    dir,
    async stop() {
      if (running.exitCode === null) {
        running.kill('SIGTERM');
        await once(running, 'exit');
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
