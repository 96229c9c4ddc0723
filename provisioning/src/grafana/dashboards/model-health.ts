import type { PanelSpec, PromQuery } from '../builder';
import {
  BARS,
  errorRatio,
  latencyQuantile,
  LINES,
  MODEL as M,
  modelDashboard,
  RATE,
  STEPS,
  timeSeries,
} from './common';

const series = (spec: Omit<PanelSpec, 'type' | 'w' | 'h'> & { w?: number; h?: number }): PanelSpec =>
  timeSeries({ w: 12, h: 8, custom: { ...LINES, fillOpacity: 10 }, ...spec });

/** A quality figure over the last 1,000 (labelled) predictions, a series per version. */
const lastThousand = (metric: string, legend: string): PromQuery => ({
  expr: `${metric}{team=~"$team", model=~"${M}", window="last_1000"}`,
  legend,
});

/** The model's quality target of one metric. */
const target = (metric: string): PromQuery => ({
  expr: `driftlab_model_quality_target{team=~"$team", model=~"${M}", metric="${metric}"}`,
  legend: 'target',
});

export const modelHealth = modelDashboard({
  uid: 'driftlab-model-health',
  title: 'Model health',
  description: 'One model: traffic, errors and latency; realized and estimated quality; labels; versions.',
  tags: ['driftlab', 'model'],
  model: { metric: 'driftlab_predictions_total', description: 'The model to look at.' },
  rows: [
    {
      title: 'Traffic',
      panels: [
        series({
          title: 'Requests by status',
          description: 'Prediction requests per second by HTTP status.',
          unit: 'reqps',
          w: 8,
          queries: [
            {
              expr: `sum by (status) (rate(driftlab_prediction_requests_total{team=~"$team", model=~"${M}"}[${RATE}]))`,
              legend: '{{status}}',
            },
          ],
        }),
        series({
          title: 'Server error rate',
          description: 'Share of prediction requests answered with a 5xx status.',
          unit: 'percentunit',
          w: 8,
          min: 0,
          queries: [{ expr: errorRatio(M), legend: 'errors' }],
        }),
        series({
          title: 'Latency',
          description:
            'Time to answer a prediction request: median, 95th and 99th percentiles. Exemplars (dots) link to the trace of a request.',
          unit: 's',
          w: 8,
          queries: [
            { expr: latencyQuantile(0.5, M), legend: 'p50' },
            { expr: latencyQuantile(0.95, M), legend: 'p95' },
            { expr: latencyQuantile(0.99, M), legend: 'p99', exemplar: true },
          ],
        }),
        series({
          title: 'Latency objective misses',
          description:
            'Share of requests slower than the objective (100 ms) over 5 minutes and 1 hour; the budget is 1 %.',
          unit: 'percentunit',
          min: 0,
          queries: [
            {
              expr: `model:driftlab_prediction_latency_slo_misses:ratio_rate5m{team=~"$team", model=~"${M}"}`,
              legend: '5m',
            },
            {
              expr: `model:driftlab_prediction_latency_slo_misses:ratio_rate1h{team=~"$team", model=~"${M}"}`,
              legend: '1h',
            },
          ],
        }),
        series({
          title: 'Input faults',
          description:
            'Input values per second that broke the feature schema (missing, wrong type, unseen category, out of range, unknown field).',
          unit: 'suffix: /s',
          queries: [
            {
              expr: `sum by (feature, fault) (rate(driftlab_input_faults_total{team=~"$team", model=~"${M}"}[${RATE}])) or on () (sum(rate(driftlab_predictions_total{team=~"$team", model=~"${M}"}[${RATE}])) * 0)`,
              legend: '{{feature}} {{fault}}',
            },
          ],
        }),
        series({
          title: 'Duplicate requests',
          description:
            'Share of the current window whose instance repeated an earlier one with the same event time: a client sending its requests twice (the DuplicateRequests alert above 2 %).',
          unit: 'percentunit',
          queries: [
            {
              expr: `max by (team, model) (driftlab_duplicate_instances_ratio{team=~"$team", model=~"${M}"})`,
              legend: '{{model}}',
            },
          ],
        }),
      ],
    },
    {
      title: 'Quality',
      panels: [
        series({
          title: 'Accuracy: realized, estimated and target',
          description:
            'Classifiers: realized accuracy over the last 1,000 labelled predictions, the label-free estimate over the last 1,000 predictions, and the target.',
          unit: 'percentunit',
          queries: [
            lastThousand('driftlab_model_accuracy', 'realized (v{{version}})'),
            lastThousand('driftlab_model_estimated_accuracy', 'estimated (v{{version}})'),
            target('accuracy'),
          ],
        }),
        series({
          title: 'Mean absolute error and target',
          description:
            'Regressors: mean absolute error over the last 1,000 labelled predictions, and the target.',
          unit: 'none',
          queries: [
            lastThousand('driftlab_model_mean_absolute_error', 'MAE (v{{version}})'),
            target('mean_absolute_error'),
          ],
        }),
        series({
          title: 'Concept drift: error estimate',
          description:
            "ADWIN's estimate of the current error rate (classifiers) or scaled error (regressors); detections are marked by the counter below.",
          unit: 'percentunit',
          w: 8,
          queries: [
            {
              expr: `driftlab_concept_drift_error_estimate{team=~"$team", model=~"${M}"}`,
              legend: 'v{{version}}',
            },
          ],
        }),
        series({
          title: 'Concept drift detections',
          description: 'Changes the online detectors (ADWIN, Page–Hinkley) found in the error stream.',
          unit: 'none',
          w: 8,
          custom: BARS,
          queries: [
            {
              expr: `sum by (detector) (increase(driftlab_concept_drift_detections_total{team=~"$team", model=~"${M}"}[${RATE}]))`,
              legend: '{{detector}}',
            },
          ],
        }),
        series({
          title: 'Labelled predictions in window',
          description:
            'How many predictions of each window of the serving version have their ground truth (realized quality needs them; quality alerts wait for 200).',
          unit: 'none',
          w: 8,
          decimals: 0,
          queries: [
            {
              // The serving version's: a retired version keeps its last counts, which add up to
              // nothing (two full last_1000 windows are not 2,000 labelled predictions).
              expr: `max by (team, model, window) (driftlab_window_labelled_predictions{team=~"$team", model=~"${M}"} and on (team, model, version) driftlab_model_serving_version_info)`,
              legend: '{{window}}',
            },
          ],
        }),
      ],
    },
    {
      title: 'Labels and versions',
      panels: [
        series({
          title: 'Label coverage',
          description:
            'Share of the predictions made 60 to 30 minutes ago whose ground truth has arrived: only predictions old enough to have their label count. Under 20 % fires LabelStarvation.',
          unit: 'percentunit',
          w: 8,
          min: 0,
          max: 1,
          queries: [
            {
              expr: `max by (model) (driftlab_label_coverage_ratio{team=~"$team", model=~"${M}"})`,
              legend: '{{model}}',
            },
          ],
        }),
        series({
          title: 'Label delay (p95)',
          description: 'Time from prediction to ground truth, 95th percentile, in simulated time.',
          unit: 's',
          w: 8,
          queries: [
            {
              expr: `max by (window) (driftlab_label_delay_seconds{team=~"$team", model=~"${M}", statistic="p95"})`,
              legend: '{{window}}',
            },
          ],
        }),
        series({
          title: 'Serving version',
          description: 'The version serving over time: steps are promotions and rollbacks.',
          unit: 'none',
          w: 8,
          decimals: 0,
          custom: STEPS,
          queries: [
            { expr: `driftlab_model_serving_version{team=~"$team", model=~"${M}"}`, legend: 'version' },
          ],
        }),
      ],
    },
  ],
});
