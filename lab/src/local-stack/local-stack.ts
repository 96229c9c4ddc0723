import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Logger } from 'winston';
import { localAlertmanagerConfig, localPrometheusConfig, PROVISIONING_DIR } from '@driftlab/provisioning';
import { findGrafana, startLocalGrafana } from '../grafana/local-grafana';
import { onPath, startLocalService, type LocalService } from './local-service';

/*
 * The monitoring stack without Docker: `driftlab start` runs whichever of Prometheus, Alertmanager
 * and Grafana it finds on PATH, configured from the provisioning folder (the files docker-compose
 * mounts), on loopback, their data in temporary directories.
 */

export interface LocalStackOptions {
  /** The lab in one process: what Prometheus scrapes and where Alertmanager posts alerts. */
  readonly labUrl: string;
  /** A cohort lab's servers by team (the first is `labUrl`): each scraped with its team as a label. */
  readonly teamUrls?: Readonly<Record<string, string>>;
  /** A cohort lab's teams and their tokens, for each team's Grafana view and login. */
  readonly teamTokens?: Readonly<Record<string, string>>;
  readonly scrapeSeconds: number;
  /** The secret Alertmanager sends to the lab's webhook. */
  readonly webhookToken: string;
  /** The lab's data directory: a generated Grafana admin password is kept there. */
  readonly dataDir: string;
  readonly log: Logger;
  /** Look for binaries here instead of PATH (tests). */
  readonly path?: string;
}

export interface LocalStack {
  readonly prometheus?: LocalService;
  readonly alertmanager?: LocalService;
  readonly grafana?: LocalService;
  stop(): Promise<void>;
}

/** The built panel plugin that a local Grafana loads (npm run build). */
const PLUGIN_DIST = resolve(__dirname, '..', '..', '..', 'plugin', 'dist');

/** Starts a service; a failure is logged and the lab runs without it. */
type Attempt = (name: string, start: () => Promise<LocalService>) => Promise<LocalService | undefined>;

export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const { log } = options;
  const started: LocalService[] = [];
  const stop = async () => {
    for (const service of started.reverse()) await service.stop();
  };
  const prometheusBinary = onPath('prometheus', options.path);
  if (!prometheusBinary) {
    log.info(
      'no prometheus on PATH: the lab serves /metrics for one to scrape; docker compose up runs the full stack (docs/docker.md)',
    );
    return { stop };
  }
  const attempt: Attempt = async (name, start) => {
    try {
      const service = await start();
      started.push(service);
      return service;
    } catch (e) {
      log.warn(`local ${name} did not start; the lab runs without it`, { error: (e as Error).message });
      return undefined;
    }
  };
  const lab = new URL(options.labUrl);
  const alertmanager = await startAlertmanager(options, lab, attempt);
  const prometheus = await attempt('prometheus', () =>
    startPrometheus(options, lab, prometheusBinary, alertmanager),
  );
  const grafana = prometheus ? await startGrafana(options, attempt, prometheus, alertmanager) : undefined;
  return { prometheus, alertmanager, grafana, stop };
}

async function startAlertmanager(
  options: LocalStackOptions,
  lab: URL,
  attempt: Attempt,
): Promise<LocalService | undefined> {
  const binary = onPath(['prometheus-alertmanager', 'alertmanager'], options.path);
  if (!binary) return undefined;
  return attempt('alertmanager', () =>
    startLocalService({
      name: 'alertmanager',
      binary,
      preferredPort: 9093,
      files: () => ({
        'alertmanager.yml': localAlertmanagerConfig({
          webhookUrl: `${lab.origin}/v1/alerts`,
          webhookToken: options.webhookToken,
        }),
      }),
      args: (dir, port) => [
        `--config.file=${join(dir, 'alertmanager.yml')}`,
        `--storage.path=${join(dir, 'data')}`,
        `--web.listen-address=127.0.0.1:${port}`,
        '--cluster.listen-address=',
      ],
      readyPath: '/-/ready',
    }),
  );
}

function startPrometheus(
  options: LocalStackOptions,
  lab: URL,
  binary: string,
  alertmanager: LocalService | undefined,
): Promise<LocalService> {
  return startLocalService({
    name: 'prometheus',
    binary,
    preferredPort: 9090,
    files: () => ({
      'prometheus.yml': localPrometheusConfig({
        targets: {
          serving: options.teamUrls
            ? Object.fromEntries(Object.entries(options.teamUrls).map(([t, u]) => [t, new URL(u).host]))
            : lab.host,
        },
        alertmanager: alertmanager?.address,
        interval: `${options.scrapeSeconds}s`,
        rulesDir: join(PROVISIONING_DIR, 'prometheus', 'rules'),
      }),
    }),
    args: (dir, port) => [
      `--config.file=${join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--enable-feature=exemplar-storage',
    ],
    readyPath: '/-/ready',
  });
}

async function startGrafana(
  options: LocalStackOptions,
  attempt: Attempt,
  prometheus: LocalService,
  alertmanager: LocalService | undefined,
): Promise<LocalService | undefined> {
  const binary = findGrafana(options.path);
  if (!binary) return undefined;
  if (!existsSync(join(PLUGIN_DIST, 'plugin.json'))) {
    options.log.warn('local grafana not started: the drift panel is not built (npm run build)');
    return undefined;
  }
  return attempt('grafana', () =>
    startLocalGrafana(binary, {
      provisioningDir: join(PROVISIONING_DIR, 'grafana'),
      pluginDir: PLUGIN_DIST,
      prometheusUrl: prometheus.url,
      alertmanagerUrl: alertmanager?.url,
      adminPassword: grafanaPassword(options.dataDir),
      teams: options.teamTokens,
      // The dashboards' links to the class pages, on the lab's port (each team's, in a cohort).
      labUrl: browserUrl(options.labUrl),
      teamLabUrls: options.teamUrls && mapValues(options.teamUrls, browserUrl),
    }),
  );
}

/**
 * GRAFANA_ADMIN_PASSWORD, or one generated at the first start and kept (mode 0600) in the data
 * directory: there is no default password, and a password is never logged.
 */
export function grafanaPassword(dataDir: string, env = process.env): string {
  if (env.GRAFANA_ADMIN_PASSWORD) return env.GRAFANA_ADMIN_PASSWORD;
  const file = grafanaPasswordFile(dataDir);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const password = randomBytes(18).toString('base64url');
  writeFileSync(file, password + '\n', { mode: 0o600 });
  return password;
}

export function grafanaPasswordFile(dataDir: string): string {
  return join(dataDir, 'grafana-admin-password');
}

/** A listening address as a browser on this machine reaches it: "any address" is localhost. */
export function browserUrl(url: string): string {
  return url.replace(/^(https?:\/\/)(0\.0\.0\.0|\[::\])(?=[:/]|$)/, '$1localhost');
}

const mapValues = (o: Readonly<Record<string, string>>, f: (v: string) => string) =>
  Object.fromEntries(Object.entries(o).map(([k, v]) => [k, f(v)]));
