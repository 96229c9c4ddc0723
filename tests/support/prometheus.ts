import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from './ports';

/** A real Prometheus (Debian's package) on loopback, with its data in a temporary directory. */
export interface RunningPrometheus {
  readonly url: string;
  /** GET an API path (e.g. `/api/v1/query?query=up`) and return its `data`. */
  api<T = unknown>(path: string): Promise<T>;
  stop(): Promise<void>;
}

export interface PrometheusOptions {
  /** The prometheus.yml to run with. */
  readonly config: string;
  /** Feature flags, e.g. `exemplar-storage`. */
  readonly features?: readonly string[];
}

export async function startPrometheus(options: PrometheusOptions): Promise<RunningPrometheus> {
  const dir = mkdtempSync(join(tmpdir(), 'driftlab-prometheus-'));
  writeFileSync(join(dir, 'prometheus.yml'), options.config);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const args = [
    `--config.file=${join(dir, 'prometheus.yml')}`,
    `--storage.tsdb.path=${join(dir, 'data')}`,
    `--web.listen-address=127.0.0.1:${port}`,
    '--web.enable-lifecycle',
    ...(options.features?.length ? [`--enable-feature=${options.features.join(',')}`] : []),
  ];
  let child: ChildProcess;
  try {
    child = spawn('prometheus', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (e) {
    throw new Error(
      `cannot start prometheus (${(e as Error).message}): run bash scripts/system-packages.sh as root`,
    );
  }
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (s: string) => (stderr = (stderr + s).slice(-20_000)));
  const spawnError = once(child, 'error').then(([e]) => e as Error);
  const deadline = Date.now() + 15_000;
  for (;;) {
    const failed = await Promise.race([spawnError, sleep(100).then(() => null)]);
    if (failed)
      throw new Error(
        `cannot start prometheus (${failed.message}): run bash scripts/system-packages.sh as root`,
      );
    if (child.exitCode !== null) throw new Error(`prometheus exited (${child.exitCode}):\n${stderr}`);
    const ready = await fetch(`${url}/-/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline) throw new Error(`prometheus not ready after 15 s:\n${stderr}`);
  }
  return {
    url,
    async api<T>(path: string): Promise<T> {
      const res = await fetch(`${url}${path}`);
      const body = (await res.json()) as { status: string; data: T; error?: string };
      if (body.status !== 'success') throw new Error(`prometheus ${path}: ${body.error}`);
      return body.data;
    },
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await once(child, 'exit');
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
