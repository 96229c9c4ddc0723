// Every PromQL query of the generated dashboards' panels, and how to evaluate it the way Grafana
// would: template variables substituted, through a real Prometheus's HTTP API.
import type { Dashboard, Panel, VariableModel } from '@grafana/schema';
import type { RunningPrometheus } from './prometheus';

/** One query of one panel. */
export interface PanelQuery {
  readonly file: string;
  readonly dashboard: Dashboard;
  readonly panel: Panel;
  readonly refId: string;
  readonly expr: string;
  /** Grafana asks for one value per series (stats, tables) instead of a range. */
  readonly instant: boolean;
}

/** A dashboard's panels, rows left out. */
export function panelsOf(dashboard: Dashboard): Panel[] {
  return (dashboard.panels ?? []).filter((p): p is Panel => p.type !== 'row');
}

/** Every query of every panel; panels without queries (alert lists, annotation lists) have none. */
export function panelQueries(dashboards: readonly { file: string; dashboard: Dashboard }[]): PanelQuery[] {
  return dashboards.flatMap(({ file, dashboard }) =>
    panelsOf(dashboard).flatMap((panel) =>
      (panel.targets ?? []).map((t) => {
        const target = t as { refId: string; expr?: unknown; instant?: boolean };
        if (typeof target.expr !== 'string')
          throw new Error(`${file}: panel "${panel.title}" ${target.refId}: not a PromQL query`);
        return { file, dashboard, panel, refId: target.refId, expr: target.expr, instant: !!target.instant };
      }),
    ),
  );
}

/** What Grafana puts for its interval variables. */
export interface Intervals {
  /** `$__rate_interval`: four scrape intervals at least. */
  readonly rateInterval: string;
  readonly interval: string;
  readonly range: string;
}

function queryVariables(dashboard: Dashboard): VariableModel[] {
  return ((dashboard.templating?.list ?? []) as VariableModel[]).filter((v) => v.type === 'query');
}

/**
 * The multi-value variables at their default, All: the variable's allValue when it has one (team:
 * `.*`), else `.*`, which selects the same series as the alternation of every value Grafana sends.
 */
function withAll(expr: string, dashboard: Dashboard): string {
  let out = expr;
  for (const v of queryVariables(dashboard).filter((w) => w.multi))
    out = out.replaceAll(`$${v.name}`, (v.allValue as string | undefined) ?? '.*');
  return out;
}

/** Each single-value query variable's values, as Grafana lists them (label_values via the series API). */
export async function singleValues(
  dashboard: Dashboard,
  prometheus: RunningPrometheus,
): Promise<Record<string, string[]>> {
  const values: Record<string, string[]> = {};
  for (const v of queryVariables(dashboard).filter((w) => !w.multi)) {
    const query = withAll((v.query as { query: string }).query, dashboard);
    const m = /^label_values\((.+),\s*(\w+)\)$/.exec(query);
    if (!m) throw new Error(`${dashboard.uid}: variable ${v.name}: not a label_values() query: ${query}`);
    values[v.name] = await prometheus.api<string[]>(
      `/api/v1/label/${m[2]}/values?match[]=${encodeURIComponent(m[1])}`,
    );
  }
  return values;
}

/** One substitution of a query: the single-value variables' values it used, and the expression. */
export interface Substituted {
  readonly values: Readonly<Record<string, string>>;
  readonly expr: string;
}

/**
 * The expression as Grafana sends it: multi-value variables at All, Grafana's interval variables as
 * given, and once per value of each single-value variable it uses (a panel of a one-model dashboard
 * is evaluated for every model).
 */
export function substitutions(
  expr: string,
  dashboard: Dashboard,
  values: Readonly<Record<string, string[]>>,
  intervals: Intervals,
): Substituted[] {
  const base = withAll(expr, dashboard)
    .replaceAll('$__rate_interval', intervals.rateInterval)
    .replaceAll('$__interval', intervals.interval)
    .replaceAll('$__range', intervals.range);
  let out: Substituted[] = [{ values: {}, expr: base }];
  for (const [name, options] of Object.entries(values)) {
    if (!base.includes(`$${name}`)) continue;
    out = out.flatMap((s) =>
      options.map((value) => ({
        values: { ...s.values, [name]: value },
        expr: s.expr.replaceAll(`$${name}`, value),
      })),
    );
  }
  const left = /\$\{?\w+/.exec(out[0]?.expr ?? '');
  if (left) throw new Error(`a variable left in ${expr}: ${left[0]}`);
  return out;
}

/** A series' values: one for an instant query, one per step for a range. */
export interface Series {
  readonly labels: Readonly<Record<string, string>>;
  readonly points: readonly (readonly [number, number])[];
}

type Vector = { metric: Record<string, string>; value: [number, string] }[];
type Matrix = { metric: Record<string, string>; values: [number, string][] }[];

/** An instant query at `time`. */
export async function instant(prometheus: RunningPrometheus, expr: string, time: number): Promise<Series[]> {
  const data = await prometheus.api<{ resultType: string; result: Vector }>(
    `/api/v1/query?query=${encodeURIComponent(expr)}&time=${time}`,
  );
  if (data.resultType !== 'vector') throw new Error(`${expr}: a ${data.resultType}, not a vector`);
  return data.result.map((s) => ({ labels: s.metric, points: [[s.value[0], Number(s.value[1])]] }));
}

/** A range query from `start` to `end`, a point a second. */
export async function range(
  prometheus: RunningPrometheus,
  expr: string,
  start: number,
  end: number,
): Promise<Series[]> {
  const data = await prometheus.api<{ result: Matrix }>(
    `/api/v1/query_range?query=${encodeURIComponent(expr)}&start=${start}&end=${end}&step=1`,
  );
  return data.result.map((s) => ({
    labels: s.metric,
    points: s.values.map(([t, v]) => [t, Number(v)] as const),
  }));
}

/** The raw samples of `selector` (a series selector) in the `seconds` before `time`, with their own times. */
export async function samples(
  prometheus: RunningPrometheus,
  selector: string,
  seconds: number,
  time: number,
): Promise<Series[]> {
  const data = await prometheus.api<{ resultType: string; result: Matrix }>(
    `/api/v1/query?query=${encodeURIComponent(`${selector}[${seconds}s]`)}&time=${time}`,
  );
  if (data.resultType !== 'matrix') throw new Error(`${selector}: a ${data.resultType}, not a matrix`);
  return data.result.map((s) => ({
    labels: s.metric,
    points: s.values.map(([t, v]) => [t, Number(v)] as const),
  }));
}

/** The labels of a series as `{a="1", b="2"}`, for messages. */
export function labelText(labels: Readonly<Record<string, string>>): string {
  return `{${Object.entries(labels)
    .map(([k, v]) => `${k}="${v}"`)
    .join(', ')}}`;
}
