import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import type { Panel } from '@grafana/schema';
import {
  DASHBOARDS,
  DRIFT_PANEL,
  localAlertmanagerConfig,
  localPrometheusConfig,
  RECORDING_RULES,
} from '@driftlab/provisioning';
import { startLab, trainVersion, type LiveLab } from './support/live-lab';
import {
  instant,
  labelText,
  panelQueries,
  panelsOf,
  range,
  samples,
  singleValues,
  substitutions,
  type Intervals,
  type PanelQuery,
  type Series,
} from './support/panel-queries';
import { waitUntil as waitFor } from './support/wait';
import {
  startAlertmanager,
  startPrometheus,
  writeQuickRules,
  type RunningPrometheus,
} from './support/prometheus';
import type { RunningService } from './support/service';

/*
 * What the dashboards show, checked against what it means. The built `driftlab start` runs with an
 * incident of each fault family (serving errors, latency, drift, label starvation) at a high speed,
 * a real Prometheus scrapes it every second with the generated rules, and every query of every
 * panel of every generated dashboard is evaluated through Prometheus's HTTP API. Each panel's
 * values must fit its declared unit (a share within [0, 1], a rate non-negative, a request latency
 * within the request timeout), refined by a table for panels whose meaning says more (the error
 * rate is the recording rule's ratio; a window holds at most its size). provisioning-e2e checks that
 * every query returns data at all; this test checks what the numbers say.
 */

jest.setTimeout(150_000);

const SCENARIOS = join(__dirname, '..', 'simulator', 'scenarios');
const TUTOR = 'tutor-token-of-the-panel-semantics-test';
const WEBHOOK = 'webhook-token-of-the-panel-semantics-test';

/** Simulated seconds per real second: an hour of traffic in three seconds. */
const SPEED = 1200;
/**
 * The longest a prediction request can take. Neither serving nor the simulator sets a timeout of
 * its own; Node's HTTP server gives up on a request whose headers take over 60 s (headersTimeout),
 * and the latency histogram's largest finite bucket is 5 s, which histogram_quantile never exceeds.
 */
const REQUEST_TIMEOUT_S = 60;
/** Grafana's variables for a Prometheus scraping every second (its $__rate_interval: four scrapes). */
const INTERVALS: Intervals = { rateInterval: '4s', interval: '1s', range: '5m' };

/**
 * A built-in scenario of each fault family, at full strength one simulated minute after it starts
 * and until the lab stops: no ramps, no recurring bursts, no end (at 1,200× a six-hour incident
 * would be over in 18 s). Their seeds are the scenarios' own.
 */
const INCIDENTS = {
  'serving errors': 'credit-error-storm',
  latency: 'delivery-slow-node',
  drift: 'credit-income-drop',
  'label starvation': 'credit-label-starvation',
} as const;

interface ScenarioStep {
  injector: string;
  start: string;
  duration?: string;
  shape?: unknown;
}

function atOnce(id: string): string {
  const scenario = parse(readFileSync(join(SCENARIOS, `${id}.yaml`), 'utf8')) as {
    id: string;
    timeline: ScenarioStep[];
  };
  scenario.id = `${id}-at-once`;
  scenario.timeline = scenario.timeline
    // The error storm's 15-minute outage (every request 503) would only blur the 30 % error rate.
    .filter((step) => step.injector !== 'model-unavailable')
    .map(({ shape: _shape, duration: _duration, ...step }) => ({ ...step, start: '1m' }));
  return stringify(scenario);
}

/** What each incident does, seen in Prometheus: a query that returns data once it shows. */
const EFFECTS: Record<keyof typeof INCIDENTS | 'two versions labelled', string> = {
  'serving errors': 'model:driftlab_prediction_server_errors:ratio_rate5m{model="credit"} > 0.05',
  latency:
    'histogram_quantile(0.95, sum by (le) (rate(driftlab_prediction_duration_seconds_bucket{model="delivery"}[4s]))) > 0.25',
  drift: 'driftlab_drift_detected{model="credit", feature="annual_income"} == 1',
  'label starvation': 'driftlab_label_coverage_ratio{model="credit"} < 0.2',
  // A rollback (below): the retired version's window keeps its last count beside the serving one's.
  'two versions labelled':
    'count(driftlab_window_labelled_predictions{model="credit", window="last_1000"} > 0) >= 2',
};

/** Where each incident must show on the dashboards: a value of a panel of that title, at some point. */
const INCIDENT_PANELS: readonly {
  incident: keyof typeof INCIDENTS;
  panel: string;
  model: string;
  what: string;
  shows: (v: number) => boolean;
}[] = [
  {
    incident: 'serving errors',
    panel: 'Error rate',
    model: 'credit',
    what: 'over 15 %',
    shows: (v) => v > 0.15,
  },
  {
    incident: 'serving errors',
    panel: 'Server error rate',
    model: 'credit',
    what: 'over 15 %',
    shows: (v) => v > 0.15,
  },
  {
    incident: 'latency',
    panel: 'p95 latency',
    model: 'delivery',
    what: 'over 250 ms',
    shows: (v) => v > 0.25,
  },
  {
    incident: 'drift',
    panel: 'Drifted features',
    model: 'credit',
    what: 'at 1 or more',
    shows: (v) => v >= 1,
  },
  {
    incident: 'label starvation',
    panel: 'Label coverage',
    model: 'credit',
    what: 'under 20 %',
    shows: (v) => v < 0.2,
  },
];

// ---------------------------------------------------------------------------------------------
// What each panel's values may be.

interface Expectation {
  readonly min?: number;
  readonly max?: number;
  readonly integer?: boolean;
  /** A bound that depends on the series (a window's size, a p-value's 1). */
  readonly maxOf?: (labels: Readonly<Record<string, string>>) => number;
  /** The series and values of a recording rule: the panel shows the rule's ratio. */
  readonly equalsRule?: string;
  readonly meaning: string;
}

/** What a panel's declared unit (fieldConfig.defaults.unit) alone says its values are. */
const BY_UNIT: Readonly<Record<string, Expectation>> = {
  percentunit: { min: 0, max: 1, meaning: 'a share, 0 to 1' },
  percent: { min: 0, max: 100, meaning: 'a percentage, 0 to 100' },
  s: { min: 0, max: REQUEST_TIMEOUT_S, meaning: 'a request latency in seconds, within the request timeout' },
  reqps: { min: 0, meaning: 'a rate' },
  'suffix: /s': { min: 0, meaning: 'a rate' },
  none: { min: 0, meaning: 'a count or a level' },
};

const COUNT: Expectation = { min: 0, integer: true, meaning: 'a count' };
const VERSION: Expectation = { min: 1, integer: true, meaning: 'a version number' };
const SHARE_DIFFERENCE: Expectation = {
  min: -1,
  max: 1,
  meaning: 'a share minus its target share, -1 to 1',
};
const ERROR_RATIO: Expectation = {
  min: 0,
  max: 1,
  equalsRule: 'model:driftlab_prediction_server_errors:ratio_rate5m',
  meaning: 'the share of requests answered 5xx: the recording rule the PredictionErrorRate alert uses',
};
/** `last_1000` holds 1,000 predictions, `last_10000` 10,000; `last_3600s` up to its capacity. */
const WINDOW_SIZE: Readonly<Record<string, number>> = {
  last_1000: 1_000,
  last_10000: 10_000,
  last_3600s: 100_000,
};
const isPValue = (labels: Readonly<Record<string, string>>) =>
  ['ks', 'chi_square'].includes(labels.method) || /p_value$/.test(labels.statistic ?? '');

/** Panels whose meaning says more than their unit, by title (a title may be on several dashboards). */
const BY_TITLE: Readonly<Record<string, Expectation>> = {
  'Accuracy vs target': SHARE_DIFFERENCE,
  'Estimated accuracy vs target': SHARE_DIFFERENCE,
  'Accuracy minus target': SHARE_DIFFERENCE,
  'Error vs target': {
    min: 0,
    meaning: 'mean absolute error as a share of its target: over 1 misses it, with no upper bound',
  },
  'Error rate': ERROR_RATIO,
  'Server error rate': ERROR_RATIO,
  'Serving version': VERSION,
  'Serving version over time': VERSION,
  'Drifted features': COUNT,
  'Firing alerts': COUNT,
  'Versions by status': COUNT,
  Promotions: COUNT,
  Rollbacks: COUNT,
  Retrains: COUNT,
  'Promotion gates failed': COUNT,
  'Promotion-gate results': COUNT,
  'Alerts received by the lab': COUNT,
  'Alerts firing': { min: 1, max: 1, meaning: 'ALERTS: 1 for each alert firing' },
  'Drift sample sizes': COUNT,
  'Drift scores over time': {
    min: 0,
    maxOf: (labels) => (isPValue(labels) ? 1 : Infinity),
    meaning: 'a p-value (0 to 1) or a distance (non-negative)',
  },
  'Labelled predictions in window': {
    min: 0,
    integer: true,
    maxOf: (labels) => WINDOW_SIZE[labels.window] ?? NaN,
    meaning: "the labelled predictions of a window: at most the window's size",
  },
  'Label delay (p95)': {
    min: 0,
    meaning:
      'simulated seconds from a prediction to its label: not a request latency (hours under starvation)',
  },
  'Time from alert to recovery': {
    min: 0,
    meaning: 'wall-clock seconds an alert fired: not a request latency',
  },
};

/**
 * The drift panel's queries, by metric (its unit, `none` from 0 to 2, is the severity the panel
 * computes from them, not what they return).
 */
const DRIFT_PANEL_QUERIES: Readonly<Record<string, Expectation>> = {
  driftlab_drift_score: BY_TITLE['Drift scores over time'],
  driftlab_drift_bin_proportion: BY_UNIT.percentunit,
  driftlab_drift_statistic: {
    min: 0,
    maxOf: (labels) => (isPValue(labels) ? 1 : Infinity),
    meaning: 'a drift statistic: a p-value (0 to 1), a distance or a test statistic (non-negative)',
  },
  driftlab_drift_sample_size: COUNT,
  driftlab_drift_detected: { min: 0, max: 1, integer: true, meaning: '1 for drift, else 0' },
};

/** Panels with nothing to evaluate in Prometheus, with the reason. */
const NOT_EVALUABLE: Readonly<Record<string, string>> = {
  Alerts: 'an alert list: Grafana reads the alert rules and their state, no PromQL query',
  'Scoreboard: latest diagnoses': 'an annotation list: Grafana annotations the lab posts, no PromQL query',
};

/** Queries that may return nothing in this run, with the reason (every other one must return data). */
const MAY_BE_EMPTY: Readonly<Record<string, string>> = {
  'Time from alert to recovery':
    'set when an alert resolves: none has to while the incidents run (one that flaps may)',
};

function expectationOf(q: PanelQuery): Expectation {
  const title = q.panel.title ?? '';
  if (q.panel.type === DRIFT_PANEL) {
    const metric = /^\w+/.exec(q.expr)?.[0] ?? '';
    const e = DRIFT_PANEL_QUERIES[metric];
    if (!e) throw new Error(`${q.file}: drift panel "${title}": no expectation for ${metric}`);
    return e;
  }
  if (BY_TITLE[title]) return BY_TITLE[title];
  const unit = q.panel.fieldConfig?.defaults?.unit ?? '';
  const e = BY_UNIT[unit];
  if (!e) throw new Error(`${q.file}: panel "${title}": no expectation for the unit "${unit}"`);
  return e;
}

/** What is wrong with a value of `e`'s, or nothing. */
function violation(e: Expectation, labels: Readonly<Record<string, string>>, v: number): string | undefined {
  const max = Math.min(e.max ?? Infinity, e.maxOf?.(labels) ?? Infinity);
  const eps = 1e-9;
  if (Number.isNaN(max)) return 'no bound known for this series';
  if (!Number.isFinite(v)) return `${v} is not a number`;
  if (e.min !== undefined && v < e.min - eps) return `${v} < ${e.min}`;
  if (v > max + eps) return `${v} > ${max}`;
  if (e.integer && !Number.isInteger(v)) return `${v} is not a whole number`;
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// The lab, Prometheus and the incidents.

let dir: string;
let lab: LiveLab;
let alertmanager: RunningService;
let prometheus: RunningPrometheus;
/** Wall-clock seconds: when the incidents started, and when all their effects showed. */
let incidentsAt: number;
let visibleAt: number;

/** Polls `probe` until it gives a value, or fails with the lab's log tail. */
const waitUntil = <T>(what: string, probe: () => Promise<T | undefined>, seconds: number) =>
  waitFor(what, probe, seconds, () => `lab log tail:\n${lab.stderr().slice(-3000)}`, 250);

/** The query's result now, or undefined while it has none. */
const shows = async (expr: string) => {
  const result = await instant(prometheus, expr, Date.now() / 1000);
  return result.length > 0 ? result : undefined;
};

const control = (path: string, body: object) =>
  fetch(`${lab.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TUTOR}` },
    body: JSON.stringify(body),
  });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'driftlab-panels-'));
  const data = join(dir, 'data');
  // A credit version to roll back to: the lab trains and serves the next one at start.
  trainVersion(data, 'credit', 8, 5000);
  // The generated rules, with `for:` shortened so alerts fire within the test.
  const rulesDir = join(dir, 'rules');
  writeQuickRules(rulesDir, '1s');

  lab = await startLab(
    [
      '--world',
      'credit',
      '--world',
      'delivery',
      '--speed',
      String(SPEED),
      '--seed',
      '17',
      '--data',
      data,
      '--no-prometheus',
    ],
    { DRIFTLAB_TUTOR_TOKEN: TUTOR, DRIFTLAB_WEBHOOK_TOKEN: WEBHOOK },
  );
  alertmanager = await startAlertmanager(
    localAlertmanagerConfig({
      webhookUrl: `${lab.url}/v1/alerts`,
      webhookToken: WEBHOOK,
      groupWait: '1s',
      groupInterval: '2s',
    }),
  );
  prometheus = await startPrometheus({
    config: localPrometheusConfig({
      targets: { serving: new URL(lab.url).host },
      alertmanager: alertmanager.address,
      interval: '1s',
      rulesDir,
    }),
  });

  // The latency incident last: every delivery request waits 450 ms then, and the lab's clock slows
  // to what serving answers (it never drops traffic), so nothing else would move much after it.
  const { latency, ...first } = INCIDENTS;
  const start = async (scenario: string) => {
    const res = await control('/v1/incidents', { scenario_yaml: atOnce(scenario), mode: 'hidden' });
    expect([scenario, res.status]).toEqual([scenario, 201]);
  };
  incidentsAt = Date.now() / 1000;
  for (const scenario of Object.values(first)) await start(scenario);

  // Once the serving credit version's last-1,000 window is full of labels, roll back to the one
  // before: both versions' windows are published then.
  const serving = await waitUntil(
    "the serving credit version's last_1000 window filled with labels",
    async () =>
      (
        await shows(
          'driftlab_window_labelled_predictions{model="credit", window="last_1000"} >= 1000 and on (model, version) driftlab_model_serving_version_info',
        )
      )?.[0].labels.version,
    60,
  );
  const rollback = await control('/v1/models/credit:rollback', {
    version: Number(serving) - 1,
    reason: 'panel semantics test',
  });
  expect(rollback.status).toBe(200);

  const { latency: slow, ...before } = EFFECTS;
  for (const [effect, expr] of Object.entries(before))
    await waitUntil(`the ${effect} showing in Prometheus (${expr})`, () => shows(expr), 60);
  await start(latency);
  await waitUntil(`the latency showing in Prometheus (${slow})`, () => shows(slow), 30);
  visibleAt = Date.now() / 1000;
  console.log(`incidents visible after ${(visibleAt - incidentsAt).toFixed(1)} s`);
});

afterAll(async () => {
  await lab?.stop();
  await prometheus?.stop();
  await alertmanager?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------------------------

/** Every panel query, evaluated as Grafana would: `instant` ones at visibleAt, range ones since the incidents. */
interface Evaluated {
  readonly query: PanelQuery;
  readonly expr: string;
  readonly series: readonly Series[];
}

async function evaluateAll(): Promise<Evaluated[]> {
  const out: Evaluated[] = [];
  for (const { dashboard } of DASHBOARDS) {
    const values = await singleValues(dashboard, prometheus);
    for (const query of panelQueries(DASHBOARDS.filter((d) => d.dashboard === dashboard)))
      for (const { expr } of substitutions(query.expr, dashboard, values, INTERVALS)) {
        const series = query.instant
          ? await instant(prometheus, expr, visibleAt)
          : await range(prometheus, expr, rangeStart(), visibleAt);
        out.push({ query, expr, series });
      }
  }
  return out;
}

/** From the incidents' start, whole steps of 1 s back from visibleAt: the last point is at visibleAt. */
const rangeStart = () => visibleAt - Math.ceil(visibleAt - incidentsAt);

const where = (q: PanelQuery) => `${q.file}: "${q.panel.title}" ${q.refId}`;

describe('what every dashboard panel shows, with an incident of each kind running', () => {
  let evaluated: Evaluated[];

  beforeAll(async () => {
    evaluated = await evaluateAll();
  });

  it('covers every panel: its queries are evaluated, or it is listed as not evaluable with a reason', () => {
    const titles = new Set(DASHBOARDS.flatMap(({ dashboard }) => panelsOf(dashboard).map((p) => p.title)));
    const uncovered = DASHBOARDS.flatMap(({ file, dashboard }) =>
      panelsOf(dashboard)
        .filter((p: Panel) => (p.targets ?? []).length === 0 && !NOT_EVALUABLE[p.title ?? ''])
        .map((p) => `${file}: "${p.title}"`),
    );
    expect(uncovered).toEqual([]);
    // Every table entry names a panel that exists (a renamed panel must not leave a stale entry).
    const stale = [
      ...Object.keys(BY_TITLE),
      ...Object.keys(NOT_EVALUABLE),
      ...Object.keys(MAY_BE_EMPTY),
    ].filter((t) => !titles.has(t));
    expect(stale).toEqual([]);
    // Every query has an expectation (a new unit without one fails here).
    for (const { query } of evaluated) expect(() => expectationOf(query)).not.toThrow();
  });

  it('returns data for every query but those listed as possibly empty', () => {
    const withData = new Set<PanelQuery>();
    for (const e of evaluated)
      if (e.series.some((s) => s.points.some(([, v]) => !Number.isNaN(v)))) withData.add(e.query);
    const all = [...new Set(evaluated.map((e) => e.query))];
    const empty = all.filter((q) => !withData.has(q) && !MAY_BE_EMPTY[q.panel.title ?? '']).map(where);
    expect(empty).toEqual([]);
    expect(withData.size).toBeGreaterThanOrEqual(all.length - Object.keys(MAY_BE_EMPTY).length);
    expect(all.length).toBeGreaterThanOrEqual(60);
  });

  it('shows each incident in the panels meant to show it', () => {
    const missed = INCIDENT_PANELS.filter(({ panel, model, shows }) => {
      const values = evaluated
        .filter((e) => e.query.panel.title === panel)
        .flatMap((e) => e.series.filter((s) => s.labels.model === model))
        .flatMap((s) => s.points.map(([, v]) => v));
      return !values.some(shows);
    }).map(({ incident, panel, model, what }) => `${incident}: "${panel}" of ${model} never ${what}`);
    expect(missed).toEqual([]);
  });

  it("keeps every value within its panel's unit and meaning", () => {
    const wrong: string[] = [];
    let checked = 0;
    for (const { query, expr, series } of evaluated) {
      const e = expectationOf(query);
      for (const s of series) {
        const bad = s.points
          .filter(([, v]) => !Number.isNaN(v))
          .map(([t, v]) => [t, v, violation(e, s.labels, v)] as const)
          .filter(([, , why]) => why !== undefined);
        checked += s.points.length;
        if (bad.length > 0)
          wrong.push(
            `${where(query)} (${e.meaning}): ${labelText(s.labels)} ${bad[0][2]} at ${bad[0][0]} (${bad.length} of ${s.points.length} points)\n    ${expr}`,
          );
      }
    }
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThan(1000);
  });

  it('shows the recording rule as the error rate: the same series and values', async () => {
    const rulePanels = [...new Set(evaluated.map((e) => e.query))].filter((q) => expectationOf(q).equalsRule);
    expect(rulePanels.map((q) => q.panel.title).sort()).toEqual(['Error rate', 'Server error rate']);
    const rule = RECORDING_RULES.flatMap((g) => g.rules).find((r) => r.record === ERROR_RATIO.equalsRule);
    if (!rule) throw new Error(`no recording rule ${ERROR_RATIO.equalsRule}`);
    // The series the rule recorded in the last seconds, each sample at the time it was evaluated.
    const recorded = await samples(prometheus, rule.record, 10, visibleAt);
    const byLabels = (series: readonly Series[]) =>
      new Map(series.map((s) => [labelText(withoutName(s.labels)), s] as const));
    const ruleNow = byLabels(await range(prometheus, rule.expr, rangeStart(), visibleAt));
    const wrong: string[] = [];
    let stored = 0;
    let failing = 0;
    for (const q of rulePanels) {
      const values = await singleValues(q.dashboard, prometheus);
      // The panel over the rule's window (5m) for its $__rate_interval.
      for (const { values: picked, expr } of substitutions(q.expr, q.dashboard, values, {
        ...INTERVALS,
        rateInterval: '5m',
      })) {
        const ofPick = <T extends { labels: Readonly<Record<string, string>> }>(s: T) =>
          picked.model === undefined || s.labels.model === picked.model;
        const shown = byLabels(await range(prometheus, expr, rangeStart(), visibleAt));
        // The same series as the rule, for the models the panel shows.
        const expected = [...ruleNow.entries()].filter(([, s]) => ofPick(s)).map(([k]) => k);
        expect([where(q), [...shown.keys()].sort()]).toEqual([where(q), expected.sort()]);
        // The rule's expression over the same data at the same instants: equal but for rounding.
        for (const [key, series] of shown) {
          const rulePoints = new Map(ruleNow.get(key)?.points);
          for (const [t, v] of series.points) {
            const r = rulePoints.get(t);
            if (r === undefined || differs(v, r, 1e-9 * Math.max(1, Math.abs(r))))
              wrong.push(`${where(q)} ${key} at ${t}: ${v}, the rule's expression ${r}`);
            if (r !== undefined && r > 0.05) failing++;
          }
        }
        // And the values the rule stored: the same within 0.01 (the rule's evaluation may not have
        // ingested a scrape under way at its instant, which the panel, evaluated later, sees).
        for (const rec of recorded.filter(ofPick)) {
          const key = labelText(withoutName(rec.labels));
          for (const [t, v] of rec.points) {
            const panel = (await instant(prometheus, expr, t)).find((s) => labelText(s.labels) === key);
            stored++;
            if (!panel || differs(panel.points[0][1], v, 0.01))
              wrong.push(`${where(q)} ${key} at ${t}: ${panel?.points[0][1]}, the rule stored ${v}`);
          }
        }
      }
    }
    expect(wrong).toEqual([]);
    // The comparisons covered the error storm (over 5 % failing), not only the 0 of a healthy model.
    expect(failing).toBeGreaterThan(10);
    expect(stored).toBeGreaterThan(10);
  });
});

/** Whether two values differ by more than `tolerance` (NaN equals only NaN). */
function differs(a: number, b: number, tolerance: number): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) !== Number.isNaN(b);
  return !(Math.abs(a - b) <= tolerance);
}

function withoutName(labels: Readonly<Record<string, string>>): Record<string, string> {
  const { __name__: _name, ...rest } = labels;
  return rest;
}
