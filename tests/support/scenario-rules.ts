// The provisioned Prometheus rules evaluated by the real `promtool test rules` on a scenario run's
// series (./scenario-harness.ts): simulated time is promtool's time, from 0 at the run's start,
// with the rules evaluated every simulated minute and their real `for:` durations.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { RULE_FILES, SERVING_STEP_MS, scratchDir, type ScenarioRun, type Series } from './scenario-harness';

/** A PromQL expression and the samples promtool must find at `at` (ms after the start); none when empty. */
export interface ExprCheck {
  readonly expr: string;
  readonly at: number;
  readonly samples: readonly { readonly labels: string; readonly value: number }[];
}

/** A duration in promtool's syntax, in whole seconds. */
export function promDuration(ms: number): string {
  if (!(ms >= 0) || ms % 1000 !== 0) throw new RangeError(`not a whole number of seconds: ${ms} ms`);
  return `${ms / 1000}s`;
}

function number(v: number): string {
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  return String(v);
}

/** promtool's expanding notation: `a+0xn` for n+1 equal values, `_xn` for n missing samples. */
export function seriesValues(values: Series['values']): string {
  const parts: string[] = [];
  for (let i = 0; i < values.length;) {
    const v = values[i];
    let j = i + 1;
    while (j < values.length && values[j] === v && v !== 'stale') j++;
    const run = j - i;
    if (v === undefined) parts.push(run === 1 ? '_' : `_x${run}`);
    else if (v === 'stale') parts.push('stale');
    else parts.push(run === 1 ? number(v) : `${number(v)}+0x${run - 1}`);
    i = j;
  }
  return parts.join(' ');
}

function escape(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

export function seriesName(series: Series): string {
  const labels = Object.entries(series.labels)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([k, v]) => `${k}="${escape(v)}"`);
  return `${series.name}{${labels.join(', ')}}`;
}

/** The promtool unit-test file for a run and its checks. */
export function ruleTestFile(run: ScenarioRun, checks: readonly ExprCheck[]): string {
  return stringify(
    {
      rule_files: RULE_FILES,
      evaluation_interval: promDuration(SERVING_STEP_MS),
      tests: [
        {
          name: run.scenario.id,
          interval: promDuration(SERVING_STEP_MS),
          input_series: run.series.map((s) => ({ series: seriesName(s), values: seriesValues(s.values) })),
          promql_expr_test: checks.map((c) => ({
            expr: c.expr,
            eval_time: promDuration(c.at),
            exp_samples: c.samples.map((s) => ({ labels: s.labels, value: s.value })),
          })),
        },
      ],
    },
    { lineWidth: 0 },
  );
}

/** Runs promtool on the checks: '' when they all hold, else promtool's report of the failures. */
export function promtoolCheck(run: ScenarioRun, checks: readonly ExprCheck[]): string {
  const dir = mkdtempSync(join(scratchDir(), `driftlab-rules-${run.scenario.id}-`));
  try {
    const file = join(dir, 'scenario.test.yml');
    writeFileSync(file, ruleTestFile(run, checks));
    const result = spawnSync('promtool', ['test', 'rules', file], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    if (result.error)
      throw new Error(
        `promtool is not installed (${result.error.message}): run bash scripts/system-packages.sh as root`,
      );
    if (result.status === 0) return '';
    return `${result.stdout}${result.stderr}`.trim();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One alert's firing as promtool evaluated it: its labels, first and last firing minute, minutes firing. */
export interface Firing {
  readonly labels: Readonly<Record<string, string>>;
  /** ms after the start. */
  readonly first: number;
  readonly last: number;
  readonly minutes: number;
}

/** Parses promtool's `got: {a="1", b="2"} 1E+00, {…} 2E+00` line. */
export function parseGot(line: string): { labels: Record<string, string>; value: number }[] {
  const out: { labels: Record<string, string>; value: number }[] = [];
  for (const m of line.matchAll(/\{((?:[^"}]|"(?:[^"\\]|\\.)*")*)\} (\S+?)(?:,|$)/g)) {
    const labels: Record<string, string> = {};
    for (const l of m[1].matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[l[1]] = JSON.parse(`"${l[2]}"`);
    out.push({ labels, value: Number(m[2]) });
  }
  return out;
}

/**
 * Every alert that fired during the run, as promtool evaluated the rules: for failure messages and
 * reports. It asks promtool for the first and last firing time and the minutes firing of each
 * alert, expecting none, and reads what promtool says it got instead.
 */
export function firings(run: ScenarioRun): Firing[] {
  const range = `[${promDuration(run.until)}:${promDuration(SERVING_STEP_MS)}]`;
  const firing = 'ALERTS{alertstate="firing"}';
  const exprs = [
    `min_over_time(timestamp(${firing})${range})`,
    `max_over_time(timestamp(${firing})${range})`,
    `count_over_time(${firing}${range})`,
  ];
  const output = promtoolCheck(
    run,
    exprs.map((expr) => ({ expr, at: run.until, samples: [] })),
  );
  const gots = output
    .split('\n')
    .filter((l) => l.trim().startsWith('got:'))
    .map((l) => parseGot(l));
  if (gots.length === 0) return [];
  if (gots.length !== 3) throw new Error(`cannot read promtool's answer:\n${output}`);
  const key = (labels: Record<string, string>) =>
    JSON.stringify(
      Object.entries(labels)
        .filter(([k]) => k !== 'alertstate')
        .sort(),
    );
  const [firsts, lasts, counts] = gots.map((g) => new Map(g.map((s) => [key(s.labels), s])));
  return [...firsts.entries()]
    .map(([k, s]) => ({
      labels: Object.fromEntries(Object.entries(s.labels).filter(([l]) => l !== 'alertstate')),
      first: s.value * 1000,
      last: lasts.get(k)!.value * 1000,
      minutes: counts.get(k)!.value,
    }))
    .sort((a, b) => a.first - b.first);
}

/** A firing as one line: `AlertName{model=…, feature=…} 6h05m–9h10m (185 min)`. */
export function describeFiring(f: Firing): string {
  const { alertname, severity: _severity, ...rest } = f.labels;
  const labels = Object.entries(rest)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
  return `${alertname}{${labels}} ${clock(f.first)}–${clock(f.last)} (${f.minutes} min)`;
}

/** ms after the start as `6h05m`. */
export function clock(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}m`;
}
