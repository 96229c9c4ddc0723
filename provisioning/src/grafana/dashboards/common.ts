import type { AnnotationQuery, Dashboard, VariableModel } from '@grafana/schema';
import {
  builtInAnnotations,
  dashboard,
  datasourceVariable,
  labelVariable,
  labEventAnnotations,
  prometheusAnnotation,
  teamVariable,
  type DashboardSpec,
  type PanelSpec,
  type PromQuery,
  type Threshold,
} from '../builder';

/** The model variable of the student dashboards. */
export const MODEL = '$model';

/** What every student-visible dashboard marks on its time axis. */
export function studentAnnotations(model = '.*'): AnnotationQuery[] {
  return [
    builtInAnnotations(),
    prometheusAnnotation({
      name: 'Alerts',
      expr: `ALERTS{alertstate="firing", team=~"$team", model=~"${model}"}`,
      title: '{{alertname}}',
      text: '{{model}} {{feature}}',
      color: 'red',
    }),
    prometheusAnnotation({
      name: 'Deployments',
      expr: `changes(driftlab_model_serving_version{team=~"$team", model=~"${model}"}[1m]) > 0`,
      title: '{{model}} serves another version',
      text: 'promotion or rollback',
      color: 'blue',
    }),
    // Diagnoses, rollbacks, retrains and promotions the lab records (tutor/student control API).
    labEventAnnotations(['driftlab-action'], 'Lab actions', 'purple'),
  ];
}

/** Quality shown against its target: red below, green at or above (values in points of accuracy). */
export const ABOVE_ZERO: readonly Threshold[] = [
  { color: 'red', value: null },
  { color: 'green', value: 0 },
];

/** Counts of trouble: green at 0, red from 1. */
export const RED_FROM_ONE: readonly Threshold[] = [
  { color: 'green', value: null },
  { color: 'red', value: 1 },
];

export const RATE = '$__rate_interval';

/** An instant query, one series per model. */
export const perModel = (expr: string): PromQuery => ({ expr, legend: '{{model}}', instant: true });

/** Alert notifications Alertmanager delivered to the lab, by alert and status. */
export const ALERTS_RECEIVED: PromQuery = {
  expr: 'sum by (alertname, status) (driftlab_alerts_received_total)',
  legend: '{{alertname}} {{status}}',
};

/**
 * `expr`, or 0 for each model serving predictions when `expr` has no series yet (nothing failed).
 * Bracketed whole: `or` binds looser than any arithmetic, so `a or b / c` would divide `b` only.
 */
export function orZeroByModel(expr: string, model: string): string {
  return `((${expr}) or (sum by (team, model) (rate(driftlab_prediction_requests_total{team=~"$team", model=~"${model}"}[${RATE}])) * 0))`;
}

/**
 * The server-error share of prediction requests, by model (0 while none failed): the recording rule
 * model:driftlab_prediction_server_errors:ratio_rate5m over the panel's own window.
 */
export function errorRatio(model: string): string {
  return `${orZeroByModel(`sum by (team, model) (rate(driftlab_prediction_requests_total{team=~"$team", model=~"${model}", status=~"5.."}[${RATE}]))`, model)} / sum by (team, model) (rate(driftlab_prediction_requests_total{team=~"$team", model=~"${model}"}[${RATE}]))`;
}

export function latencyQuantile(q: number, model: string, by = 'team, model'): string {
  return `histogram_quantile(${q}, sum by (${by}, le) (rate(driftlab_prediction_duration_seconds_bucket{team=~"$team", model=~"${model}"}[${RATE}])))`;
}

/** A time-series panel's lines: 2 px, no points, gaps bridged. */
export const LINES = {
  drawStyle: 'line',
  lineWidth: 2,
  fillOpacity: 0,
  showPoints: 'never',
  spanNulls: true,
};
/** Steps, for values that change at a moment (a version, a counter): 2 px, no points. */
export const STEPS = {
  drawStyle: 'line',
  lineInterpolation: 'stepAfter',
  lineWidth: 2,
  fillOpacity: 0,
  showPoints: 'never',
};
/** Bars, for counts per interval. */
export const BARS = { drawStyle: 'bars', fillOpacity: 60, lineWidth: 1, showPoints: 'never' };
/** A legend below the graph and a tooltip listing every series, largest first. */
export const LEGEND_BELOW = {
  legend: { displayMode: 'list', placement: 'bottom', showLegend: true },
  tooltip: { mode: 'multi', sort: 'desc' },
};

/** A time-series panel: lines and a legend below unless `spec` says otherwise. */
export function timeSeries(spec: Omit<PanelSpec, 'type'>): PanelSpec {
  return { type: 'timeseries', custom: LINES, options: LEGEND_BELOW, ...spec };
}

/** A single-value panel's (stat, bar gauge) reduction: the last value of each series. */
export const LAST_VALUE = { calcs: ['lastNotNull'], fields: '', values: false };

/**
 * Horizontal bars, names on the left, of each series' last value. `valueMode` and `sizing` are
 * written only when given (Grafana's defaults otherwise).
 */
export function barGauge(
  spec: Omit<PanelSpec, 'type' | 'options'> & { readonly valueMode?: string; readonly sizing?: string },
): PanelSpec {
  const { valueMode, sizing, ...rest } = spec;
  return {
    type: 'bargauge',
    ...rest,
    options: {
      orientation: 'horizontal',
      displayMode: 'basic',
      reduceOptions: LAST_VALUE,
      showUnfilled: true,
      ...(valueMode !== undefined ? { valueMode } : {}),
      namePlacement: 'left',
      ...(sizing !== undefined ? { sizing } : {}),
    },
  };
}

/** A table of instant series, a column per label. */
export function table(spec: Omit<PanelSpec, 'type'>): PanelSpec {
  return {
    type: 'table',
    transformations: [{ id: 'labelsToFields', options: { mode: 'columns' } }],
    options: { showHeader: true, cellHeight: 'sm' },
    ...spec,
  };
}

/** What picks the `model` variable: the metric whose `model` label lists the models, and whether several. */
export interface ModelVariableSpec {
  readonly metric: string;
  readonly multi?: boolean;
  readonly description: string;
}

/** Every model by default, or those picked, listed by `metric`'s model label. */
export const anyModels = (metric: string): ModelVariableSpec => ({
  metric,
  multi: true,
  description: 'The models shown (all by default).',
});

/**
 * A student dashboard on `$model`: the data source, team and model variables (then `variables`),
 * with studentAnnotations.
 */
export function modelDashboard(
  spec: Omit<DashboardSpec, 'variables' | 'annotations'> & {
    readonly model: ModelVariableSpec;
    readonly variables?: readonly VariableModel[];
  },
): Dashboard {
  const { model, variables = [], ...rest } = spec;
  const modelVariable = labelVariable({
    name: 'model',
    label: 'Model',
    query: `label_values(${model.metric}{team=~"$team"}, model)`,
    multi: model.multi,
    description: model.description,
  });
  return dashboard({
    ...rest,
    variables: [datasourceVariable(), teamVariable(), modelVariable, ...variables],
    annotations: studentAnnotations(MODEL),
  });
}
