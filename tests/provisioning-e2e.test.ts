import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { stringify } from 'yaml';
import type { Dashboard, Panel, VariableModel } from '@grafana/schema';
import {
  ALERT_RULES,
  DASHBOARDS,
  localAlertmanagerConfig,
  localPrometheusConfig,
  RECORDING_RULES,
} from '@driftlab/provisioning';
import { trainVersion } from './support/live-lab';
import { freePort } from './support/ports';
import { waitUntil as waitFor } from './support/wait';
import {
  startAlertmanager,
  startPrometheus,
  writeQuickRules,
  type RunningPrometheus,
} from './support/prometheus';
import type { RunningService } from './support/service';

/*
 * The provisioned monitoring stack end to end: the built `driftlab start` (one process), a real
 * Prometheus running the provisioned configuration and rules (targets rewritten to this test's
 * ports), and a real Alertmanager routing to the lab's webhook. A drift incident is injected
 * fast-forwarded; its alert must fire, reach the lab, and resolve when the incident ends. Then
 * every PromQL expression of every dashboard panel, variable and annotation, and of every rule,
 * must return data.
 *
 * Two things are shortened for a test that runs in a minute: the alerts' `for:` (the promtool unit
 * tests in provisioning/prometheus/tests cover the real ones) and Alertmanager's grouping waits.
 */

jest.setTimeout(240_000);

const BIN = join(__dirname, '..', 'lab', 'bin', 'driftlab.js');
const TUTOR = 'tutor-token-of-the-e2e-test';
/** The secret Alertmanager sends to the lab's webhook: without it, no alert would be recorded. */
const WEBHOOK = 'webhook-secret-of-the-e2e-test';

/** The credit applicants' incomes drop from 1h to 3h of simulated time: a step, then back. */
const SCENARIO = {
  id: 'e2e-income-drop',
  title: 'Incomes drop for two hours',
  brief: 'End-to-end test of the provisioned stack.',
  answer: {
    kind: 'covariate',
    model: 'credit',
    features: ['annual_income'],
    what: 'A step change in annual_income for two hours.',
    when: 'From 1h to 3h after the start.',
    recover: 'Wait: it ends by itself.',
    signals: ['FeatureDriftHigh for credit / annual_income'],
  },
  seed: 4101,
  worlds: ['credit'],
  timeline: [
    {
      id: 'income-drop',
      start: '1h',
      duration: '2h',
      injector: 'mean-shift',
      target: { world: 'credit', feature: 'annual_income' },
      params: { by: -30000 },
    },
  ],
};

interface LabEventJson {
  action: string;
  model: string | null;
  params: { alertname: string; labels: Record<string, string>; durationSeconds?: number };
}

let dir: string;
let labUrl: string;
let lab: ChildProcess;
let labLog = '';
let alertmanager: RunningService;
let prometheus: RunningPrometheus;
let startedAt: number;

/** Polls `probe` until it gives a value, or fails with the lab's log tail. */
const waitUntil = <T>(what: string, probe: () => Promise<T | undefined>, seconds: number) =>
  waitFor(what, probe, seconds, () => `lab log tail:\n${labLog.slice(-3000)}`, 500);

async function alertEvents(): Promise<LabEventJson[]> {
  const res = await fetch(`${labUrl}/v1/alerts`);
  return ((await res.json()) as { events: LabEventJson[] }).events;
}

const isIncomeDrift = (e: LabEventJson) =>
  e.params.alertname === 'FeatureDriftHigh' &&
  e.params.labels.model === 'credit' &&
  e.params.labels.feature === 'annual_income';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'driftlab-e2e-'));
  const data = join(dir, 'data');
  // An earlier credit version to roll back to (the lab trains and serves version 2 at start).
  trainVersion(data, 'credit', 8, 5000);

  // The generated rules, with `for:` shortened so alerts fire within the test.
  const rulesDir = join(dir, 'rules');
  writeQuickRules(rulesDir, '3s');
  const scenario = join(dir, 'scenario.yaml');
  writeFileSync(scenario, stringify(SCENARIO));

  const labPort = await freePort();
  labUrl = `http://127.0.0.1:${labPort}`;
  alertmanager = await startAlertmanager(
    localAlertmanagerConfig({
      webhookUrl: `${labUrl}/v1/alerts`,
      webhookToken: WEBHOOK,
      groupWait: '1s',
      groupInterval: '2s',
    }),
  );
  prometheus = await startPrometheus({
    config: localPrometheusConfig({
      targets: { serving: `127.0.0.1:${labPort}` },
      alertmanager: alertmanager.address,
      interval: '1s',
      rulesDir,
    }),
    features: ['exemplar-storage'],
  });
  startedAt = Date.now() / 1000;
  lab = spawn(
    process.execPath,
    [
      BIN,
      'start',
      '--scenario',
      scenario,
      '--world',
      'delivery',
      // The lab keeps 3,600× at night on this machine now (it no longer drops traffic to run
      // faster): the two-hour drift would pass in two seconds, under the alert's `for:` and the
      // scrapes. At 1,200× it lasts about six.
      '--speed',
      '1200',
      '--port',
      String(labPort),
      '--data',
      data,
      '--no-prometheus',
    ],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, DRIFTLAB_TUTOR_TOKEN: TUTOR, DRIFTLAB_WEBHOOK_TOKEN: WEBHOOK },
    },
  );
  lab.stderr!.setEncoding('utf8').on('data', (s: string) => (labLog = (labLog + s).slice(-50_000)));
  await waitUntil(
    'the lab answers',
    async () => ((await fetch(`${labUrl}/readyz`)).ok ? true : undefined),
    60,
  );
});

afterAll(async () => {
  if (lab && lab.exitCode === null) {
    lab.kill('SIGTERM');
    await once(lab, 'exit');
  }
  await prometheus?.stop();
  await alertmanager?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('the provisioned stack, end to end', () => {
  it('fires the drift alert for the injected feature, and the lab receives it through Alertmanager', async () => {
    const firing = await waitUntil(
      'FeatureDriftHigh for credit / annual_income reaching the lab',
      async () => (await alertEvents()).find((e) => e.action === 'alert.firing' && isIncomeDrift(e)),
      120,
    );
    expect(firing.model).toBe('credit');
    // Prometheus saw it firing too.
    const alerts = await prometheus.api<{ alerts: { labels: Record<string, string>; state: string }[] }>(
      '/api/v1/alerts',
    );
    expect(
      alerts.alerts.some(
        (a) => a.labels.alertname === 'FeatureDriftHigh' && a.labels.feature === 'annual_income',
      ),
    ).toBe(true);
  });

  it('resolves when the incident ends, and the lab records how long it took', async () => {
    const resolved = await waitUntil(
      'the resolved FeatureDriftHigh reaching the lab',
      async () => (await alertEvents()).find((e) => e.action === 'alert.resolved' && isIncomeDrift(e)),
      120,
    );
    expect(resolved.params.durationSeconds).toBeGreaterThan(0);
    const recorded = await waitUntil(
      'driftlab_alert_time_to_recovery_seconds in Prometheus',
      async () => {
        const result = await prometheus.api<{ result: { value: [number, string] }[] }>(
          `/api/v1/query?query=${encodeURIComponent('driftlab_alert_time_to_recovery_seconds{alertname="FeatureDriftHigh", model="credit"}')}`,
        );
        return result.result[0]?.value[1];
      },
      30,
    );
    // The gauge holds the last resolved FeatureDriftHigh of credit (any feature).
    const durations = (await alertEvents())
      .filter(
        (e) =>
          e.action === 'alert.resolved' && e.params.alertname === 'FeatureDriftHigh' && e.model === 'credit',
      )
      .map((e) => e.params.durationSeconds);
    expect(durations).toContain(Number(recorded));
  });

  it('returns data for every expression of every dashboard, variable, annotation and rule', async () => {
    // A rollback and a promotion, so the deployment annotations have something to mark.
    const post = (path: string, body: object) =>
      fetch(`${labUrl}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${TUTOR}` },
        body: JSON.stringify(body),
      });
    expect((await post('/v1/models/credit:rollback', { version: 1, reason: 'e2e test' })).status).toBe(200);
    await sleep(2500);
    expect((await post('/v1/models/credit:promote', { version: 2, reason: 'e2e test' })).status).toBe(200);
    await sleep(3000);

    const empty: string[] = [];
    const rangeHasData = async (expr: string) => {
      const end = Date.now() / 1000;
      const result = await prometheus.api<{ result: unknown[] }>(
        `/api/v1/query_range?query=${encodeURIComponent(expr)}&start=${startedAt}&end=${end}&step=1`,
      );
      return result.result.length > 0;
    };

    for (const group of RECORDING_RULES)
      for (const rule of group.rules)
        if (!(await rangeHasData(rule.record))) empty.push(`recording rule ${rule.record}`);
    for (const group of ALERT_RULES)
      for (const rule of group.rules)
        for (const signal of rule.signals) {
          expect(rule.expr).toContain(signal);
          if (!(await rangeHasData(signal))) empty.push(`alert ${rule.alert}: ${signal}`);
        }

    for (const { file, dashboard } of DASHBOARDS) {
      const values = await variableValues(dashboard, prometheus);
      for (const [name, options] of Object.entries(values))
        // This lab has one team, so no series has a team label: the team variable has no values
        // and its All ('.*', its allValue) shows every series (tests/cohort.test.ts runs teams).
        if (options.length === 0 && name !== 'team') empty.push(`${file}: variable $${name}`);
      const expressions = [
        ...panelsOf(dashboard).flatMap((p) =>
          (p.targets ?? []).map((t) => ({ where: `${file}: panel "${p.title}"`, expr: String(t.expr) })),
        ),
        ...(dashboard.annotations?.list ?? [])
          .map((a) => ({
            where: `${file}: annotation "${a.name}"`,
            expr: (a as unknown as { expr?: string }).expr,
          }))
          .filter((a): a is { where: string; expr: string } => a.expr !== undefined),
      ];
      for (const { where, expr } of expressions) {
        let any = false;
        for (const substituted of substitutions(expr, dashboard, values)) {
          if (await rangeHasData(substituted)) {
            any = true;
            break;
          }
        }
        if (!any) empty.push(`${where}: ${expr}`);
      }
    }
    expect(empty).toEqual([]);
  });
});

function panelsOf(dashboard: Dashboard): Panel[] {
  return (dashboard.panels ?? []).filter((p): p is Panel => p.type !== 'row');
}

/** Each query variable's values, as Grafana would list them (label_values through the series API). */
async function variableValues(
  dashboard: Dashboard,
  prometheus: RunningPrometheus,
): Promise<Record<string, string[]>> {
  const values: Record<string, string[]> = {};
  const variables = (dashboard.templating?.list ?? []) as VariableModel[];
  for (const v of variables) {
    if (v.type !== 'query') continue;
    const query = (v.query as { query: string }).query.replace(
      /\$(\w+)/g,
      (_, name: string) =>
        allOf(
          variables.find((w) => w.name === name),
          values[name],
        ) ?? `$${name}`,
    );
    const m = /^label_values\((.+),\s*(\w+)\)$/.exec(query);
    if (!m) throw new Error(`${dashboard.uid}: variable ${v.name}: not a label_values() query: ${query}`);
    values[v.name] = await prometheus.api<string[]>(
      `/api/v1/label/${m[2]}/values?match[]=${encodeURIComponent(m[1])}&start=${startedAt}`,
    );
  }
  return values;
}

/** What Grafana sends for a variable's All: its allValue when it has one, else the regex of its values. */
function allOf(v: VariableModel | undefined, values: string[] | undefined): string | undefined {
  if (v?.allValue) return v.allValue;
  return values ? `(${values.join('|')})` : undefined;
}

/**
 * The expression as Grafana would send it: multi-value variables as the regex of all their values
 * (their default, All), single-value ones as each value in turn (a panel may show data for the
 * classifiers only, or the regressors only), Grafana's interval variables at this test's 1 s scrape.
 */
function* substitutions(
  expr: string,
  dashboard: Dashboard,
  values: Record<string, string[]>,
): Generator<string> {
  const base = expr
    .replace(/\$__rate_interval/g, '4s')
    .replace(/\$__interval/g, '2s')
    .replace(/\$__range/g, '5m');
  const variables = ((dashboard.templating?.list ?? []) as VariableModel[]).filter((v) => v.type === 'query');
  const multi = variables.filter((v) => v.multi);
  const single = variables.filter((v) => !v.multi && base.includes(`$${v.name}`));
  let withMulti = base;
  for (const v of multi) withMulti = withMulti.replaceAll(`$${v.name}`, allOf(v, values[v.name]) ?? '()');
  if (single.length === 0) {
    yield withMulti;
    return;
  }
  const [first, ...rest] = single;
  for (const value of values[first.name] ?? []) {
    let one = withMulti.replaceAll(`$${first.name}`, value);
    for (const v of rest) one = one.replaceAll(`$${v.name}`, (values[v.name] ?? [])[0] ?? '');
    yield one;
  }
}
