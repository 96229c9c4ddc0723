import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { accessSync, constants, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** The first `name` executable on PATH, or null. */
export function onPath(name: string, path = process.env.PATH ?? ''): string | null {
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

export interface LocalPrometheus {
  readonly url: string;
  stop(): Promise<void>;
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
 * A Prometheus scraping the lab, for `driftlab start` when a `prometheus` binary is on PATH: its
 * data in a temporary directory (removed on stop), listening on loopback only (9090 when free).
 */
export async function startLocalPrometheus(
  binary: string,
  target: string,
  scrapeSeconds: number,
): Promise<LocalPrometheus> {
  const dir = mkdtempSync(join(tmpdir(), 'driftlab-prometheus-'));
  const config = join(dir, 'prometheus.yml');
  writeFileSync(
    config,
    [
      'global:',
      `  scrape_interval: ${scrapeSeconds}s`,
      `  evaluation_interval: ${scrapeSeconds}s`,
      'scrape_configs:',
      '  - job_name: driftlab',
      `    static_configs: [{ targets: ['${target}'] }]`,
      '',
    ].join('\n'),
  );
  const port = (await portFree(9090)) ? 9090 : await anyPort();
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(
    binary,
    [
      `--config.file=${config}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--enable-feature=exemplar-storage',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (s: string) => (stderr = (stderr + s).slice(-4000)));
  const cleanUp = () => rmSync(dir, { recursive: true, force: true });
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) {
      cleanUp();
      throw new Error(`prometheus exited (${child.exitCode}): ${stderr.trim().split('\n').at(-1)}`);
    }
    if (
      await fetch(`${url}/-/ready`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    if (i > 100) {
      child.kill('SIGKILL');
      cleanUp();
      throw new Error('prometheus did not become ready within 10 s');
    }
    await sleep(100);
  }
  return {
    url,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await once(child, 'exit');
      }
      cleanUp();
    },
  };
}
