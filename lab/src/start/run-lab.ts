import { mkdirSync } from 'node:fs';
import type { Logger } from 'winston';
import { DEFAULT_START_TIME, type Scenario, type World } from '@driftlab/simulator';
import { LabelledLog, startTelemetry } from '@driftlab/serving';
import { Exporter, type MonitoringConfig } from '@driftlab/exporter';
import type { ReferenceSource } from '@driftlab/contracts';
import { tokensFile } from '../auth';
import { openControlPlane, type ControlPlane } from '../control';
import { dataDir, labelledLogPath, privateDataDir } from '../data-dir';
import type { CliIo } from '../io';
import { GrafanaApi } from '../grafana/grafana-api';
import { grafanaPassword, grafanaPasswordFile, startLocalStack, type LocalStack } from '../local-stack';
import { exporterSink, remoteSink } from './sinks';
import { simulate } from './simulate';
import { aloneTokens, startHosts } from './hosts';
import { beginRun } from './run-state';
import { teamRuns, type TeamRun } from './teams';

/** The components `start --only` can run alone. */
export const COMPONENTS = ['simulator', 'serving', 'exporter'] as const;
export type Component = (typeof COMPONENTS)[number];

/** What `driftlab start` was asked to run, its flags checked. */
export interface LabPlan {
  readonly only?: Component;
  readonly teams: number;
  readonly speed: number;
  readonly seed: number;
  readonly worlds: readonly World[];
  readonly scenario?: Scenario;
  readonly until?: number;
  readonly port: number;
  readonly host: string;
  readonly data?: string;
  readonly prometheus: boolean;
  readonly monitoring: MonitoringConfig;
  readonly tutorTokenFile?: string;
  readonly servingUrl?: string;
  readonly exporterUrl?: string;
}

/** How often buffered rows go to the labelled log. */
const STORE_FLUSH_MS = 1000;
/** Predictions waiting for labels a restarted exporter takes back (its windows' pending capacity). */
const WAITING_LABELS = 50_000;

/** Runs the lab (one process, one component, or a cohort) until stopped or `until`. */
export async function runLab(plan: LabPlan, log: Logger, io: CliIo): Promise<void> {
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const runs = (c: Component) => plan.only === undefined || plan.only === c;
  const data = dataDir(plan.data);
  privateDataDir(data);
  const teams = teamRuns(plan.teams, plan.seed, plan.port, data);
  for (const t of teams) mkdirSync(t.data, { recursive: true });
  const teamLog = (team: string) => (teams.length > 1 ? log.child({ team }) : log);
  const telemetry = runs('serving') ? startTelemetry({ serviceName: 'driftlab' }) : undefined;
  if (telemetry?.endpoint) log.info('exporting traces', { endpoint: telemetry.endpoint });
  let plane: ControlPlane | undefined;
  let stack: LocalStack | undefined;
  let flushTimer: NodeJS.Timeout | undefined;
  try {
    // The lab's control side (the record, alerts, tokens, incidents, diagnoses) lives with the simulator.
    if (runs('simulator')) {
      plane = openPlane(plan, data, teams, io);
      // Each start is a new run that continues where the last one's traffic had got to.
      for (const t of teams) t.state = beginRun(t.data, DEFAULT_START_TIME);
    }
    // Where the simulator does not run, this process still checks the lab's tokens (shared data dir).
    const lone = plane ? undefined : aloneTokens(data, plan.tutorTokenFile, io);
    const tokens = plane?.lab.tokens ?? lone!.tokens;
    const tutorToken = plane?.tutorToken ?? lone!.tutor;
    for (const t of teams) wireTeam(t, plan, runs, log, tutorToken);
    if (runs('exporter'))
      flushTimer = setInterval(() => teams.forEach((t) => t.exporter!.flush()), STORE_FLUSH_MS).unref();
    await startHosts(teams, runs('serving'), {
      worlds: plan.worlds,
      host: plan.host,
      data,
      plane,
      tokens,
      io,
      log,
      teamLog,
      servingUrl: plan.servingUrl,
    });
    // An exporter (re)started beside a running lab expects the labels of what was served before
    // it: the labelled log's predictions still waiting for theirs.
    if (runs('exporter') && !runs('serving'))
      for (const t of teams) t.exporter!.expectLabels(t.labelledLog!.waitingForLabels(WAITING_LABELS));
    stack = await startStack(plan, teams, plane, data, log);
    annotate(plane, stack, data, log);
    logStarted(plan, runs, teams, stack, data, log);
    if (runs('simulator'))
      await Promise.all(
        teams.map((t) => simulate(t, { ...plan, plane, signal: controller.signal }, teamLog(t.team))),
      );
    else await waitFor(controller.signal, plan.until === undefined ? undefined : plan.until / plan.speed);
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    if (flushTimer) clearInterval(flushTimer);
    // Nothing recorded is lost: the last buffered rows reach the labelled log before it closes.
    for (const t of teams) t.exporter?.flush();
    await stack?.stop();
    for (const t of teams) await t.serving?.close();
    for (const t of teams) await t.alone?.close();
    for (const t of teams) await t.sink?.close();
    for (const t of teams) t.labelledLog?.close();
    plane?.close();
    await telemetry?.shutdown();
  }
}

function openPlane(plan: LabPlan, data: string, teams: TeamRun[], io: CliIo): ControlPlane {
  return openControlPlane({
    data,
    worlds: plan.worlds,
    teams: teams.map((t) => t.team),
    speed: plan.speed,
    serving: (team) => teams.find((t) => t.team === team)?.serving,
    // Read when asked: the hosts start after the control plane. A team's own port, or the lab's
    // host when the lab's routes run alone (`--only simulator`: the first team's).
    teamUrl: (team) => {
      const t = teams.find((run) => run.team === team);
      return t?.serving?.url ?? t?.alone?.url;
    },
    tutorTokenFile: plan.tutorTokenFile,
    announce: (text) => io.stdout.write(text),
  });
}

/** A team's labelled log, exporter and event sink, as far as they run in this process. */
function wireTeam(
  t: TeamRun,
  plan: LabPlan,
  runs: (c: Component) => boolean,
  log: Logger,
  tutorToken: string,
): void {
  if (runs('serving') || runs('exporter')) t.labelledLog = new LabelledLog(labelledLogPath(t.data));
  if (runs('exporter')) {
    // The registry opens with serving; until then no reference is needed (no prediction yet).
    const references: ReferenceSource = {
      reference: (model, version) => t.registryRefs?.reference(model, version) ?? null,
    };
    const { monitoring } = plan;
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
    t.sink = exporterSink(t.exporter);
  } else if (plan.exporterUrl) t.sink = remoteSink(plan.exporterUrl, tutorToken, log);
}

/** The local monitoring stack watches a whole lab: one process, with the webhook in it. */
async function startStack(
  plan: LabPlan,
  teams: TeamRun[],
  plane: ControlPlane | undefined,
  data: string,
  log: Logger,
): Promise<LocalStack | undefined> {
  const [first] = teams;
  if (!first.serving || !first.exporter || !plane || !plan.prometheus) return undefined;
  const cohort = teams.length > 1;
  return startLocalStack({
    labUrl: first.serving.url,
    // A cohort's series get their team from Prometheus: a target label per team's port.
    teamUrls: cohort ? Object.fromEntries(teams.map((t) => [t.team, t.serving!.url])) : undefined,
    teamTokens: cohort ? plane.lab.control?.tokens.teams : undefined,
    // Scrape faster when time runs faster, so a fast-forwarded run still draws smooth graphs.
    scrapeSeconds: plan.speed >= 600 ? 1 : 5,
    webhookToken: plane.webhookToken,
    dataDir: data,
    log,
  });
}

/**
 * The record's incidents and actions as Grafana annotations: the local Grafana, or GRAFANA_URL
 * with GRAFANA_ADMIN_PASSWORD (the compose stack).
 */
function annotate(plane: ControlPlane | undefined, stack: LocalStack | undefined, data: string, log: Logger) {
  if (!plane) return;
  if (stack?.grafana)
    plane.annotateTo(
      new GrafanaApi({ url: stack.grafana.url, password: grafanaPassword(data), user: 'admin' }),
      log,
    );
  else if (process.env.GRAFANA_URL && process.env.GRAFANA_ADMIN_PASSWORD)
    plane.annotateTo(
      new GrafanaApi({
        url: process.env.GRAFANA_URL,
        password: process.env.GRAFANA_ADMIN_PASSWORD,
        user: 'admin',
      }),
      log,
    );
}

function logStarted(
  plan: LabPlan,
  runs: (c: Component) => boolean,
  teams: TeamRun[],
  stack: LocalStack | undefined,
  data: string,
  log: Logger,
): void {
  const [first] = teams;
  const cohort = teams.length > 1;
  const url = first.serving?.url ?? first.alone?.url;
  log.info('lab started', {
    components: COMPONENTS.filter(runs),
    // Where the tutor token is kept, and whether the local monitoring stack runs (for the summary).
    ...(runs('simulator') ? { tokensFile: tokensFile(data) } : {}),
    // The class pages are served with the control routes (each team's port in a cohort).
    ...(runs('simulator') && url ? { pages: url } : {}),
    ...(first.serving && first.exporter && runs('simulator')
      ? { stack: !plan.prometheus ? 'off' : stack?.prometheus ? 'started' : 'not found' }
      : {}),
    speed: plan.speed,
    seed: plan.seed,
    worlds: plan.worlds.map((w) => w.name),
    ...(first.serving ? { serving: first.serving.url } : {}),
    ...(cohort ? { teams: Object.fromEntries(teams.map((t) => [t.team, t.serving!.url])) } : {}),
    ...(url ? { metrics: `${url}/metrics` } : {}),
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
}

/** A component without the simulator runs until stopped (or for `seconds`). */
async function waitFor(signal: AbortSignal, seconds?: number): Promise<void> {
  await new Promise<void>((resolve) => {
    if (signal.aborted) return resolve();
    signal.addEventListener('abort', () => resolve(), { once: true });
    if (seconds !== undefined) setTimeout(resolve, seconds * 1000).unref();
  });
}
