// Runs a scenario fast-forwarded through the real pipeline, in process: the simulator's live
// incident, serving's registry, models, input validation and ServingMetrics, the exporter, and the
// registries sampled into Prometheus series at fixed simulated-time steps. The rules are then
// evaluated on those series by the real promtool (./scenario-rules.ts). simulator/docs/scenarios.md
// ("The scenario harness") says what it proves and why it is built this way.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OpenMetricsContentType, Registry } from 'prom-client';
import { parse } from 'yaml';
import {
  DEFAULT_START_TIME,
  FeedbackQueue,
  getWorld,
  sentFeatures,
  Simulation,
  type RecoveryAction,
  type Scenario,
  type SimEvent,
} from '@driftlab/simulator';
import {
  DEFAULT_INPUT_POLICY,
  ensureModels,
  LabelledLog,
  ModelRegistry,
  predictStep,
  Recovery,
  registryReferences,
  RegistryCatalog,
  ServingMetrics,
} from '@driftlab/serving';
import { Exporter, type WindowSpec } from '@driftlab/exporter';
import { requestId } from '@driftlab/contracts';

const ROOT = join(__dirname, '../..');
export const RULE_FILES = ['recording.yml', 'alerts.yml'].map((f) =>
  join(ROOT, 'provisioning/prometheus/rules', f),
);

/** Serving (requests, latency, registry state) is scraped every simulated minute. */
export const SERVING_STEP_MS = 60_000;
/**
 * The exporter every five simulated minutes (its values held in between): a sample recomputes every
 * quality window and drift test (~25 ms), and its windows hold 1,000 to 10,000 events (10 minutes
 * to hours of traffic), so a finer step would cost far more and change little the rules can see.
 */
export const EXPORTER_STEP_MS = 5 * 60_000;
/** The live incident's id in the run. */
export const INCIDENT = 'incident';
/** Labelled events a retrain trains on (the README's `retrain --last 5000`). */
export const RETRAIN_LAST = 5000;

export interface HarnessOptions {
  readonly scenario: Scenario;
  /** Simulated ms after the start at which the run stops. */
  readonly until: number;
  /** The recovery the harness applies, `at` simulated ms after the start (a multiple of a minute). */
  readonly recovery?: { readonly action: RecoveryAction; readonly at: number };
  /** PromQL expressions besides the rules' whose metrics must be sampled too. */
  readonly extraQueries?: readonly string[];
}

/** One Prometheus series: its values at each serving step (undefined: no sample; 'stale'). */
export interface Series {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly values: (number | 'stale' | undefined)[];
}

export interface ScenarioRun {
  readonly scenario: Scenario;
  /** Simulated epoch ms of the run's start (promtool's time 0). */
  readonly startTime: number;
  /** The incident's onset (its first step's start), ms after the start. */
  readonly onset: number;
  readonly until: number;
  readonly series: readonly Series[];
  /** Requests served. */
  readonly events: number;
  /** What the recovery did, in words (for failure messages). */
  readonly recovery: string | null;
}

/** Equality matchers of one selector of a metric in a rule (an empty list selects every series). */
type Selector = readonly (readonly [string, string])[];

/**
 * The metrics the rules (and `extra` queries) read, with the label values they select: only those
 * series are sampled, so the promtool input stays small. Regex matchers select everything.
 */
export function selectorsOf(exprs: readonly string[]): Map<string, Selector[]> {
  const wanted = new Map<string, Selector[]>();
  for (const expr of exprs)
    for (const m of expr.matchAll(/(?<![\w:])(driftlab_[a-z0-9_]+|up)(?![\w:(])(\{[^}]*\})?/g)) {
      const matchers = [...(m[2] ?? '').matchAll(/(\w+)\s*=\s*"([^"]*)"/g)].map(
        ([, label, value]) => [label, value] as const,
      );
      wanted.set(m[1], [...(wanted.get(m[1]) ?? []), matchers]);
    }
  return wanted;
}

/**
 * The quality windows the expressions read (`window="last_1000"`, `window="last_3600s"`): the only
 * ones the exporter needs here, since each window costs its quality computation at every sample.
 */
export function windowsRead(exprs: readonly string[]): WindowSpec[] {
  const names = new Set<string>();
  for (const expr of exprs) for (const m of expr.matchAll(/window\s*=\s*"(last_\d+s?)"/g)) names.add(m[1]);
  return [...names].sort().map((name) => {
    const n = Number(name.replace(/^last_|s$/g, ''));
    return name.endsWith('s')
      ? { kind: 'time', spanSeconds: n, capacity: 100_000 }
      : { kind: 'count', size: n };
  });
}

/** The expressions of every recording and alert rule in the provisioned rule files. */
export function ruleExpressions(): string[] {
  return RULE_FILES.flatMap((file) =>
    (parse(readFileSync(file, 'utf8')) as { groups: { rules: { expr: string }[] }[] }).groups.flatMap((g) =>
      g.rules.map((r) => r.expr),
    ),
  );
}

/**
 * The series of a run, one value per SERVING_STEP_MS. Each job (serving, exporter) is sampled at
 * its own step; between two samples of a job its series keep their last values, as a scrape of a
 * component that recomputes every few minutes would show. A series missing from a sample of its job
 * goes stale there, as Prometheus marks a series that a scrape no longer has.
 */
class SeriesRecorder {
  private readonly byKey = new Map<string, Series & { job: string; present: boolean; last: number }>();
  private sampled: { job: string; index: number; seen: Set<string> } | null = null;

  constructor(private readonly wanted: Map<string, Selector[]>) {}

  /** Whether some rule reads metric `name`. */
  reads(name: string): boolean {
    return this.wanted.has(name);
  }

  /** Whether some rule reads this series (a selector of its name whose matchers all hold). */
  wants(name: string, labels: Readonly<Record<string, string | number>>): boolean {
    const selectors = this.wanted.get(name);
    return !!selectors?.some((s) => s.every(([label, value]) => String(labels[label]) === value));
  }

  begin(job: string, index: number): void {
    this.sampled = { job, index, seen: new Set() };
  }

  record(name: string, labels: Record<string, string>, value: number): void {
    const { job, index, seen } = this.sampled!;
    const key = `${name}${JSON.stringify(Object.entries(labels).sort())}`;
    let series = this.byKey.get(key);
    if (!series)
      this.byKey.set(key, (series = { job, name, labels, values: [], present: true, last: value }));
    series.values[index] = value;
    series.present = true;
    series.last = value;
    seen.add(key);
  }

  end(): void {
    const { job, index, seen } = this.sampled!;
    for (const [key, series] of this.byKey)
      if (series.job === job && series.present && !seen.has(key)) {
        series.values[index] = 'stale';
        series.present = false;
      }
    this.sampled = null;
  }

  /** A step at which `job` is not sampled: its series keep their last values. */
  carry(job: string, index: number): void {
    for (const series of this.byKey.values())
      if (series.job === job && series.present) series.values[index] = series.last;
  }

  series(length: number): Series[] {
    return [...this.byKey.values()].map(({ name, labels, values }) => ({
      name,
      labels,
      values: Array.from({ length }, (_, i) => values[i]),
    }));
  }
}

/** Samples one prom-client registry: the wanted series of every metric, histograms by bucket. */
async function sample(registry: Registry<OpenMetricsContentType>, recorder: SeriesRecorder) {
  for (const metric of registry.getMetricsAsArray() as unknown as SampledMetric[]) {
    if (!HISTOGRAM_PARTS.some((part) => recorder.reads(`${metric.name}${part}`))) continue;
    const got = await metric.get();
    for (const v of got.values) {
      const series = v.metricName ?? got.name;
      if (!recorder.wants(series, v.labels)) continue;
      const labels = Object.fromEntries(Object.entries(v.labels).map(([k, x]) => [k, String(x)]));
      recorder.record(series, labels, v.value);
    }
  }
}

const HISTOGRAM_PARTS = ['', '_bucket', '_count', '_sum'];

/** What prom-client's metrics (and the exporter's families) give: `get()` reads the values now. */
interface SampledMetric {
  readonly name: string;
  get(): Promise<{
    name: string;
    values: {
      labels: Record<string, string | number>;
      value: number;
      /** A histogram's part: name_bucket, name_count or name_sum. */
      metricName?: string;
    }[];
  }>;
}

/**
 * Where runs keep their registry and labelled log: memory (/dev/shm) where there is one, since
 * SQLite's syncs to disk would cost a retrain scenario a third of its time and prove nothing here.
 */
export function scratchDir(): string {
  return existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
}

/** Runs `scenario` from its seed as a lab started with `--scenario` would, fast-forwarded. */
export async function runScenario(options: HarnessOptions): Promise<ScenarioRun> {
  const { scenario } = options;
  if (options.recovery && options.recovery.at % SERVING_STEP_MS !== 0)
    throw new RangeError(`recovery at ${options.recovery.at} ms: expected whole minutes after the start`);
  const dir = mkdtempSync(join(scratchDir(), `driftlab-${scenario.id}-`));
  let simTime = DEFAULT_START_TIME;
  const registry = ModelRegistry.open(join(dir, 'registry'), { now: () => new Date(simTime) });
  const log = options.recovery?.action === 'retrain' ? new LabelledLog(join(dir, 'labelled.db')) : null;
  try {
    const worlds = scenario.worlds.map((w) => getWorld(w)!);
    // A lab's first start trains version 1 of each model on the seed's first events.
    ensureModels(registry, worlds, scenario.seed);
    const catalog = new RegistryCatalog(registry);
    const serving = new ServingMetrics();
    serving.registryState.attach(registry);
    const recovery = new Recovery(registry, worlds, log, () => catalog.refresh());
    const expressions = [...ruleExpressions(), ...(options.extraQueries ?? [])];
    const exporter = new Exporter({
      references: registryReferences(registry),
      labelledLog: log ?? undefined,
      // Samples come far faster in wall time than 50 ms apart, each after new events: compute each.
      refreshMs: 0,
      monitor: { windows: windowsRead(expressions) },
    });
    const recorder = new SeriesRecorder(selectorsOf(expressions));

    const simulations = worlds.map(
      (world) =>
        new Simulation({ world, seed: scenario.seed, traffic: scenario.traffic, labels: scenario.labels }),
    );
    const startTime = simulations[0].startTime;
    // The incident is started live, as `driftlab incident start` does, so that it can be aborted.
    for (const s of simulations) s.startIncident(INCIDENT, scenario, startTime);
    const onset = Math.min(...scenario.timeline.map((step) => step.start));
    const end = startTime + options.until;
    const labels = new FeedbackQueue();
    const deliver = (time: number) => {
      for (let due = labels.popDue(time); due; due = labels.popDue(time)) {
        const model = simulations[due.source].world.name;
        exporter.observeLabel({
          model,
          requestId: requestId(model, due.id, 1),
          label: due.label,
          time: due.at,
        });
      }
    };

    // Serving's prediction step, as its route runs it, minus HTTP: the fault first, then the step.
    const step = { policy: DEFAULT_INPUT_POLICY, maxInstances: 1, metrics: serving };
    const serve = (event: SimEvent) => {
      const model = catalog.current(event.world.name)!;
      const labels = { model: model.name, version: String(model.version) };
      const fault = event.serving;
      let status = 200;
      if (fault?.unavailable) status = 503;
      else if (fault && fault.failStatus > 0) status = fault.failStatus;
      else {
        const call = { requestId: requestId(model.name, event.id, 1), time: event.time };
        const result = predictStep(model, { instances: [sentFeatures(event)] }, call, step);
        if (result.ok) exporter.observeBatch(result.batch);
        else status = result.status;
      }
      // The recorded latency is the fault's added latency: the toy models answer in microseconds.
      serving.observeRequest(labels, status, (fault?.addedLatencyMs ?? 0) / 1000);
    };

    let recoveryNote: string | null = null;
    const recover = (at: number) => {
      const { action } = options.recovery!;
      if (action === 'end-fault') {
        for (const s of simulations) s.abortIncident(INCIDENT, Math.max(at, s.now));
        recoveryNote = `end-fault: the incident aborted ${(at - startTime) / 60_000} minutes after the start`;
        return;
      }
      // What the lab's retrain does: on the newest labelled events of the log, promoted if the gates pass.
      exporter.flush();
      const model = scenario.answer.model;
      const result = recovery.retrain(model, {
        last: RETRAIN_LAST,
        promote: true,
        reason: 'scenario harness recovery',
        now: () => new Date(at),
      });
      const failed = result.gates.checks.filter((c) => !c.passed).map((c) => `${c.name}: ${c.detail}`);
      recoveryNote = `retrain: ${model} v${result.version} on ${result.records} labelled events, ${
        result.promoted ? 'promoted' : `NOT promoted (gates failed: ${failed.join('; ')})`
      }`;
      // Serving's registry metrics cache a snapshot for 250 ms of wall time: read it afresh.
      serving.registryState.attach(registry);
    };

    const pending = simulations.map((s) => s.next());
    let events = 0;
    let index = 0;
    let nextSample = startTime;
    const recoverAt = options.recovery ? startTime + options.recovery.at : Infinity;
    for (;;) {
      let k = 0;
      for (let i = 1; i < pending.length; i++) if (pending[i].time < pending[k].time) k = i;
      const event = pending[k];
      while (event.time >= nextSample && nextSample <= end) {
        simTime = nextSample;
        deliver(nextSample);
        recorder.begin('serving', index);
        await sample(serving.registry, recorder);
        // Serving runs in this process: it is up (the rules' `up{job="driftlab-serving"}`).
        recorder.record('up', { job: 'driftlab-serving', instance: 'in-process' }, 1);
        recorder.end();
        if ((nextSample - startTime) % EXPORTER_STEP_MS === 0) {
          recorder.begin('exporter', index);
          await sample(exporter.metrics.registry, recorder);
          recorder.end();
        } else recorder.carry('exporter', index);
        if (nextSample === recoverAt) recover(nextSample);
        nextSample += SERVING_STEP_MS;
        index++;
      }
      if (nextSample > end) break;
      simTime = event.time;
      deliver(event.time);
      serve(event);
      events++;
      labels.push(k, event.id, event.feedbackAt, event.feedbackLabel);
      pending[k] = simulations[k].next();
    }
    return {
      scenario,
      startTime,
      onset,
      until: options.until,
      series: recorder.series(index),
      events,
      recovery: recoveryNote,
    };
  } finally {
    log?.close();
    registry.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
