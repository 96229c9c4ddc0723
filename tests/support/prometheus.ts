import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { generatedFiles } from '@driftlab/provisioning';
import { startService } from './service';

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
  const service = await startService({
    binaries: ['prometheus'],
    files: { 'prometheus.yml': options.config },
    args: (dir, port) => [
      `--config.file=${join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--web.enable-lifecycle',
      ...(options.features?.length ? [`--enable-feature=${options.features.join(',')}`] : []),
    ],
    readyPath: '/-/ready',
  });
  return {
    url: service.url,
    async api<T>(path: string): Promise<T> {
      const res = await fetch(`${service.url}${path}`);
      const body = (await res.json()) as { status: string; data: T; error?: string };
      if (body.status !== 'success') throw new Error(`prometheus ${path}: ${body.error}`);
      return body.data;
    },
    stop: () => service.stop(),
  };
}

/** A real Alertmanager (Debian's `prometheus-alertmanager`) on loopback, without clustering. */
export async function startAlertmanager(config: string) {
  return startService({
    binaries: ['prometheus-alertmanager', 'alertmanager'],
    files: { 'alertmanager.yml': config },
    args: (dir, port) => [
      `--config.file=${join(dir, 'alertmanager.yml')}`,
      `--storage.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--cluster.listen-address=',
    ],
    readyPath: '/-/ready',
  });
}

/**
 * The generated rule files (provisioning's), with every `for:` shortened to `holdFor`, written into
 * `dir`: end-to-end tests see alerts fire within seconds instead of minutes.
 */
export function writeQuickRules(dir: string, holdFor: string): void {
  mkdirSync(dir, { recursive: true });
  for (const [path, text] of Object.entries(generatedFiles())) {
    if (!path.startsWith('prometheus/rules/')) continue;
    const rules = parse(text) as { groups: { rules: { for?: string }[] }[] };
    for (const group of rules.groups) for (const rule of group.rules) if (rule.for) rule.for = holdFor;
    writeFileSync(join(dir, path.split('/').at(-1)!), stringify(rules));
  }
}
