import { once } from 'node:events';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse as parseYaml } from 'yaml';
import { InvalidArgumentError, type Command } from 'commander';
import type { Express } from 'express';
import type { Logger } from 'winston';
import { getWorld, resolveScenario, ScenarioError, type Scenario, type World } from '@driftlab/simulator';
import type { ReferenceSource } from '@driftlab/contracts';
import {
  LabelledLog,
  ModelRegistry,
  OPENAPI,
  registryReferences,
  startServing,
  startTelemetry,
  type RunningServing,
} from '@driftlab/serving';
import {
  batchToWire,
  ConfigError,
  createExporterApp,
  DEFAULT_MONITORING,
  Exporter,
  labelToWire,
  type WireBatch,
  type WireLabel,
  monitoringConfig,
  type MonitoringConfig,
} from '@driftlab/exporter';
import { loadTokens, recoveryGuard, tutorTokenNotice } from '../auth';
import { openControlPlane, tutorSentFaults, type ControlPlane } from '../control';
import { dataDir, labelledLogPath, registryDir } from '../data-dir';
import { createLabApp, labRoutes, withLabPaths } from '../http';
import { CliError, type CliIo } from '../io';
import { createLogger } from '../logger';
import { runLive } from '../live';
import { GrafanaApi } from '../grafana/grafana-api';
import { grafanaPassword, grafanaPasswordFile, startLocalStack, type LocalStack } from '../local-stack';
import { duration, oneOf, portNumber, positiveInteger, seedNumber, speedFactor, worldName } from '../parsers';
import { TrafficSender } from '../traffic-sender';
import { EventForwarder } from '../event-forwarder';

/** The one team of a lab without --teams. */
const TEAM = 'team-1';
/** The largest cohort one lab runs: each team is a serving, an exporter and a traffic loop. */
const MAX_TEAMS = 20;

/** The components `start --only` can run alone. */
const COMPONENTS = ['simulator', 'serving', 'exporter'] as const;
type Component = (typeof COMPONENTS)[number];

interface StartOptions {
  only?: Component;
  teams: number;
  speed: number;
  seed: number;
  world?: string[];
  scenario?: string;
  until?: number;
  port: number;
  host: string;
  data?: string;
  prometheus: boolean;
  monitoring?: string;
  tutorTokenFile?: string;
  servingUrl?: string;
  exporterUrl?: string;
}

const REPORT_EVERY_MS = 10 * 60_000;
const DEFAULT_WORLDS = ['credit', 'fraud', 'delivery'];
/** How often buffered rows go to the labelled log. */
const STORE_FLUSH_MS = 1000;

export function registerStart(program: Command, io: CliIo): void {
  program
    .command('start')
    .description(
      'Run the lab: serving with its models, the exporter with /metrics, and live seeded traffic from the simulator, in one process.',
    )
    .option('--only <component>', `run one component alone (${COMPONENTS.join(', ')})`, oneOf(COMPONENTS))
    .option(
      '--teams <n>',
      `cohort mode: n isolated team labs (team-1 … team-n), each with its own seed, models, traffic, incidents and port (up to ${MAX_TEAMS})`,
      teamCount,
      1,
    )
    .option('--speed <x>', 'simulated seconds per real second', speedFactor, 60)
    .option('--seed <n>', 'random seed', seedNumber, 1)
    .option(
      '--world <name>',
      'a world to run (repeat for several; default credit, fraud and delivery)',
      (v: string, all: string[] | undefined) => [...(all ?? []), worldName(v)],
    )
    .option(
      '--scenario <id|file>',
      'a scenario to run (a built-in id or a YAML file); its worlds join the run',
    )
    .option('--until <duration>', 'stop after this much simulated time (e.g. 6h)', duration)
    .option('--port <n>', 'the HTTP port for the APIs and /metrics (0: any free port)', portNumber, 8080)
    .option('--host <address>', 'the address to listen on', '127.0.0.1')
    .option('--data <dir>', 'the lab data directory (default DRIFTLAB_DATA or ./.driftlab)')
    .option(
      '--no-prometheus',
      'do not start a local Prometheus, Alertmanager and Grafana even when they are on PATH',
    )
    .option(
      '--monitoring <file>',
      'monitoring configuration (YAML or JSON): windows, drift window, drift tests per feature',
    )
    .option(
      '--tutor-token-file <file>',
      "a file whose first line is the tutors' token (default DRIFTLAB_TUTOR_TOKEN_FILE; or set DRIFTLAB_TUTOR_TOKEN; else one is generated and printed once)",
    )
    .option(
      '--serving-url <url>',
      'with --only simulator: where serving listens (default DRIFTLAB_SERVING_URL)',
    )
    .option(
      '--exporter-url <url>',
      'with --only serving or simulator: where the exporter listens (default DRIFTLAB_EXPORTER_URL)',
    )
    .action(async (options: StartOptions) => {
      const log = createLogger(io.stderr);
      if (options.teams > 1 && options.only)
        throw new CliError('--teams: a cohort lab runs in one process; leave out --only', 2);
      const scenario = loadScenario(options.scenario);
      const monitoring = loadMonitoring(options.monitoring);
      const names = new Set([...(options.world ?? DEFAULT_WORLDS), ...(scenario?.worlds ?? [])]);
      const worlds: World[] = [...names].map((w) => getWorld(w)!);
      options.servingUrl = checkedUrl(
        options.servingUrl ?? process.env.DRIFTLAB_SERVING_URL,
        '--serving-url',
      );
      options.exporterUrl = checkedUrl(
        options.exporterUrl ?? process.env.DRIFTLAB_EXPORTER_URL,
        '--exporter-url',
      );
      await runLab(options, worlds, scenario, monitoring, log, io);
    });
}

function teamCount(value: string): number {
  const n = positiveInteger(value);
  if (n > MAX_TEAMS) throw new InvalidArgumentError(`expected a number of teams from 1 to ${MAX_TEAMS}.`);
  return n;
}

function checkedUrl(url: string | undefined, flag: string): string | undefined {
  if (url === undefined || url === '') return undefined;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error('not http');
  } catch {
    throw new CliError(`${flag}: expected an http:// or https:// URL, got ${JSON.stringify(url)}`, 2);
  }
  return url.replace(/\/+$/, '');
}

function loadMonitoring(file: string | undefined): MonitoringConfig {
  if (file === undefined) return DEFAULT_MONITORING;
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new CliError(`--monitoring ${file}: ${(e as Error).message}`);
  }
  try {
    return monitoringConfig(raw);
  } catch (e) {
    if (e instanceof ConfigError) throw new CliError(`--monitoring ${file}: ${e.message}`);
    throw e;
  }
}

function loadScenario(idOrFile: string | undefined): Scenario | undefined {
  if (idOrFile === undefined) return undefined;
  try {
    return resolveScenario(idOrFile);
  } catch (e) {
    if (e instanceof ScenarioError || e instanceof Error) throw new CliError(`--scenario: ${e.message}`);
    throw e;
  }
}

/** One team's part of a lab in this process: its data folder, seed, exporter and serving. */
interface TeamRun {
  readonly team: string;
  readonly seed: number;
  readonly data: string;
  /** Where its serving listens (0: any free port). */
  readonly port: number;
  labelledLog?: LabelledLog;
  exporter?: Exporter;
  serving?: RunningServing;
  registryRefs?: ReferenceSource;
}

/**
 * The teams of this lab. One team keeps the lab's data folder, seed and port; a cohort's team k
 * (from 1) gets data/teams/team-k, seed + k − 1 and port + k − 1, so each team's traffic differs.
 */
function teamRuns(options: StartOptions, data: string): TeamRun[] {
  return Array.from({ length: options.teams }, (_, i) => ({
    team: `team-${i + 1}`,
    seed: (options.seed + i) % 2 ** 32, // seeds are 32-bit: the last ones wrap around to 0
    data: options.teams === 1 ? data : join(data, 'teams', `team-${i + 1}`),
    port: options.port === 0 ? 0 : options.port + i,
  }));
}

async function runLab(
  options: StartOptions,
  worlds: World[],
  scenario: Scenario | undefined,
  monitoring: MonitoringConfig,
  log: Logger,
  io: CliIo,
): Promise<void> {
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const runs = (c: Component) => options.only === undefined || options.only === c;
  const data = dataDir(options.data);
  const cohort = options.teams > 1;
  const teams = teamRuns(options, data);
  for (const t of teams) mkdirSync(t.data, { recursive: true });
  const telemetry = runs('serving') ? startTelemetry({ serviceName: 'driftlab' }) : undefined;
  if (telemetry?.endpoint) log.info('exporting traces', { endpoint: telemetry.endpoint });
  let stack: LocalStack | undefined;
  let flushTimer: NodeJS.Timeout | undefined;
  let exporterAlone: Server | undefined;
  let labAlone: Server | undefined;
  let plane: ControlPlane | undefined;
  let predictionsOut: EventForwarder<WireBatch> | undefined;
  try {
    // The lab's control side (the record, alerts, tokens, incidents, diagnoses) lives with the simulator.
    if (runs('simulator'))
      plane = openControlPlane({
        data,
        worlds,
        teams: teams.map((t) => t.team),
        speed: options.speed,
        serving: (team) => teams.find((t) => t.team === team)?.serving,
        tutorTokenFile: options.tutorTokenFile,
        announce: (text) => io.stdout.write(text),
      });
    const lab = plane?.lab;
    for (const t of teams) {
      if (runs('serving') || runs('exporter')) t.labelledLog = new LabelledLog(labelledLogPath(t.data));
      if (!runs('exporter')) continue;
      // The registry opens with serving; until then no reference is needed (no prediction yet).
      const references: ReferenceSource = {
        reference: (model, version) => t.registryRefs?.reference(model, version) ?? null,
      };
      t.exporter = new Exporter({
        references,
        labelledLog: t.labelledLog!,
        monitor: {
          windows: monitoring.windows,
          driftWindow: monitoring.driftWindow,
          labelCoverage: monitoring.labelCoverage,
        },
        columnTests: monitoring.columnTests,
        qualityTargets: monitoring.qualityTargets,
      });
    }
    if (runs('exporter'))
      flushTimer = setInterval(() => teams.forEach((t) => t.exporter!.flush()), STORE_FLUSH_MS).unref();
    if (options.only === 'serving' && options.exporterUrl) {
      predictionsOut = new EventForwarder(`${options.exporterUrl}/v1/events/predictions`, 'batches', log);
    }
    // Serving alone checks recovery actions, and the simulator's request faults, against the tokens
    // in the shared data directory.
    const servingAloneTokens =
      runs('serving') && !plane ? servingTokens(data, options.tutorTokenFile, io) : undefined;
    // The lab's routes (incidents, diagnoses, alerts) answer on every team's port, one router so
    // its rate limits are the lab's; the lab's own metrics are published once, on the first port.
    const labRouter = lab ? labRoutes(lab) : undefined;
    if (runs('serving'))
      for (const [i, t] of teams.entries()) {
        const exporter = t.exporter;
        t.serving = await startServing({
          registryDir: registryDir(t.data),
          worlds,
          seed: t.seed,
          port: t.port,
          host: options.host,
          logger: cohort ? log.child({ team: t.team }) : log,
          labelledLog: t.labelledLog,
          onPredictions: exporter
            ? (batch) => exporter.observeBatch(batch)
            : predictionsOut
              ? (batch) => predictionsOut!.push(batchToWire(batch))
              : undefined,
          extraRegistries: [
            ...(exporter ? [exporter.metrics.registry] : []),
            ...(lab && i === 0 ? [lab.metrics.registry] : []),
          ],
          mount: labRouter ? (app) => app.use(labRouter) : undefined,
          recoveryHooks: plane?.recoveryHooks(t.team) ?? { guard: recoveryGuard(servingAloneTokens!) },
          requestFaults: servingAloneTokens ? tutorSentFaults(servingAloneTokens) : undefined,
          openapi: lab ? withLabPaths(OPENAPI) : undefined,
        }).catch((e: NodeJS.ErrnoException) => {
          if (e.code === 'EADDRINUSE' || e.code === 'EACCES')
            throw new CliError(
              `cannot serve ${cohort ? `${t.team} ` : ''}on ${options.host}:${t.port} (${e.code}); choose another --port`,
            );
          throw e;
        });
        t.registryRefs = registryReferences(t.serving.registry);
      }
    const first = teams[0];
    let exporterUrl: string | undefined;
    if (first.exporter && !first.serving) {
      // The exporter alone reads references from the registry serving owns (a shared volume).
      first.registryRefs = readOnlyReferences(registryDir(data));
      exporterAlone = await listen(createExporterApp(first.exporter), options);
      exporterUrl = urlOf(exporterAlone);
    }
    if (lab && !first.serving) labAlone = await listen(createLabApp(lab), options);
    const serving = first.serving;
    const scrapeUrl = serving?.url ?? exporterUrl ?? (labAlone ? urlOf(labAlone) : undefined);
    // The local monitoring stack watches a whole lab: one process, with the webhook in it.
    if (serving && first.exporter && lab && options.prometheus)
      stack = await startLocalStack({
        labUrl: serving.url,
        // A cohort's series get their team from Prometheus: a target label per team's port.
        teamUrls: cohort ? Object.fromEntries(teams.map((t) => [t.team, t.serving!.url])) : undefined,
        teamTokens: cohort ? lab.control?.tokens.teams : undefined,
        // Scrape faster when time runs faster, so a fast-forwarded run still draws smooth graphs.
        scrapeSeconds: options.speed >= 600 ? 1 : 5,
        dataDir: data,
        log,
      });
    // The record's incidents and actions as Grafana annotations: the local Grafana, or GRAFANA_URL
    // with GRAFANA_ADMIN_PASSWORD (the compose stack).
    const grafana = stack?.grafana
      ? { url: stack.grafana.url, password: grafanaPassword(data) }
      : process.env.GRAFANA_URL && process.env.GRAFANA_ADMIN_PASSWORD
        ? { url: process.env.GRAFANA_URL, password: process.env.GRAFANA_ADMIN_PASSWORD }
        : undefined;
    if (plane && grafana) plane.annotateTo(new GrafanaApi({ ...grafana, user: 'admin' }), log);
    log.info('lab started', {
      components: COMPONENTS.filter(runs),
      speed: options.speed,
      seed: options.seed,
      worlds: worlds.map((w) => w.name),
      ...(serving ? { serving: serving.url } : {}),
      ...(cohort ? { teams: Object.fromEntries(teams.map((t) => [t.team, t.serving!.url])) } : {}),
      ...(scrapeUrl ? { metrics: `${scrapeUrl}/metrics` } : {}),
      ...(stack?.prometheus ? { prometheus: stack.prometheus.url } : {}),
      ...(stack?.alertmanager ? { alertmanager: stack.alertmanager.url } : {}),
      ...(stack?.grafana
        ? {
            grafana: stack.grafana.url,
            grafanaAdminPassword: process.env.GRAFANA_ADMIN_PASSWORD
              ? 'GRAFANA_ADMIN_PASSWORD'
              : grafanaPasswordFile(data),
          }
        : {}),
    });
    if (runs('simulator'))
      await Promise.all(
        teams.map((t) =>
          simulate(
            options,
            worlds,
            scenario,
            cohort ? log.child({ team: t.team }) : log,
            t,
            plane,
            controller.signal,
          ),
        ),
      );
    else
      await waitFor(
        controller.signal,
        options.until === undefined ? undefined : options.until / options.speed,
      );
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    if (flushTimer) clearInterval(flushTimer);
    // Nothing recorded is lost: the last buffered rows reach the labelled log before it closes.
    for (const t of teams) t.exporter?.flush();
    await stack?.stop();
    for (const t of teams) await t.serving?.close();
    await predictionsOut?.close();
    for (const server of [exporterAlone, labAlone]) {
      if (!server) continue;
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    for (const t of teams) t.labelledLog?.close();
    plane?.close();
    await telemetry?.shutdown();
  }
}

async function simulate(
  options: StartOptions,
  worlds: World[],
  scenario: Scenario | undefined,
  log: Logger,
  run: TeamRun,
  plane: ControlPlane | undefined,
  signal: AbortSignal,
): Promise<void> {
  const { serving, exporter, team } = run;
  // Serving in this process is told each request's fault; serving in another process reads it from
  // the request, which carries the tutor token to be believed (serving/docs/serving.md).
  const sender = serving
    ? new TrafficSender(serving.url, 64, serving.faults)
    : options.servingUrl
      ? new TrafficSender(options.servingUrl, 64, undefined, plane?.tutorToken)
      : undefined;
  const labelsOut =
    !exporter && options.exporterUrl
      ? new EventForwarder<WireLabel>(`${options.exporterUrl}/v1/events/labels`, 'labels', log)
      : undefined;
  const counts: Record<string, number> = Object.fromEntries(worlds.map((w) => [w.name, 0]));
  let labels = 0;
  let nextReport = NaN;
  const report = (message: string, simulatedTime: number) =>
    log.info(message, {
      simulatedTime: new Date(simulatedTime).toISOString(),
      requests: { ...counts },
      labels,
      ...(sender ? { answers: { ...sender.counts.answered }, dropped: sender.counts.dropped } : {}),
    });
  const stoppedAt = await runLive({
    worlds,
    seed: run.seed,
    speed: options.speed,
    scenario,
    until: options.until,
    signal,
    onStart: (handle) => plane?.bindLive(team, handle),
    onEvent: (event) => {
      plane?.observe(team, event);
      if (Number.isNaN(nextReport))
        nextReport = (Math.floor(event.time / REPORT_EVERY_MS) + 1) * REPORT_EVERY_MS;
      if (event.time >= nextReport) {
        report('traffic', nextReport);
        nextReport += REPORT_EVERY_MS;
      }
      counts[event.world.name]++;
      sender?.send(event);
    },
    onLabel:
      exporter || labelsOut
        ? (due, world) => {
            labels++;
            const label = {
              model: world.name,
              requestId: `${world.name}-${due.id}`,
              label: due.label,
              time: due.at,
            };
            if (exporter) exporter.observeLabel(label);
            else labelsOut!.push(labelToWire(label));
          }
        : undefined,
  });
  await sender?.drain();
  await labelsOut?.close();
  report('lab stopped', stoppedAt);
}

/** References from a registry another process owns, opened read-only once it exists. */
function readOnlyReferences(dir: string): ReferenceSource {
  let source: ReferenceSource | undefined;
  return {
    reference(model, version) {
      if (!source) {
        try {
          source = registryReferences(ModelRegistry.open(dir, { readOnly: true }));
        } catch {
          return null; // serving has not created it yet
        }
      }
      return source.reference(model, version);
    },
  };
}

/** The tokens serving alone checks recovery actions against: whoever starts first creates them. */
function servingTokens(data: string, tutorTokenFile: string | undefined, io: CliIo) {
  const { tokens, stored, created } = loadTokens(data, [TEAM], process.env, tutorTokenFile);
  if (created.tutor) io.stdout.write(tutorTokenNotice(data, stored.tutor));
  return tokens;
}

async function listen(app: Express, options: StartOptions): Promise<Server> {
  const server = app.listen(options.port, options.host);
  try {
    await once(server, 'listening');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new CliError(`cannot serve on ${options.host}:${options.port} (${code}); choose another --port`);
  }
  return server;
}

function urlOf(server: Server): string {
  const { address, port } = server.address() as AddressInfo;
  return `http://${address.includes(':') ? `[${address}]` : address}:${port}`;
}

/** Serving alone runs until stopped (or for `seconds`). */
async function waitFor(signal: AbortSignal, seconds?: number): Promise<void> {
  await new Promise<void>((resolve) => {
    if (signal.aborted) return resolve();
    signal.addEventListener('abort', () => resolve(), { once: true });
    if (seconds !== undefined) setTimeout(resolve, seconds * 1000).unref();
  });
}
