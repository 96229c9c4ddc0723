import type { AnnotationQuery } from '@grafana/schema';
import {
  builtInAnnotations,
  labEventAnnotations,
  prometheusAnnotation,
  type PanelSpec,
  type Threshold,
} from '../builder';

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

export const RATE = '$__rate_interval';

/** `expr`, or 0 for each model serving predictions when `expr` has no series yet (nothing failed). */
export function orZeroByModel(expr: string, model: string): string {
  return `(${expr}) or (sum by (team, model) (rate(driftlab_prediction_requests_total{team=~"$team", model=~"${model}"}[${RATE}])) * 0)`;
}

/** The server-error share of prediction requests, by model (0 while none failed). */
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
/** A legend below the graph and a tooltip listing every series, largest first. */
export const LEGEND_BELOW = {
  legend: { displayMode: 'list', placement: 'bottom', showLegend: true },
  tooltip: { mode: 'multi', sort: 'desc' },
};

/** A time-series panel: lines and a legend below unless `spec` says otherwise. */
export function timeSeries(spec: Omit<PanelSpec, 'type'>): PanelSpec {
  return { type: 'timeseries', custom: LINES, options: LEGEND_BELOW, ...spec };
}
