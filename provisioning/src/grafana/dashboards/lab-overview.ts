import type { PanelSpec } from '../builder';
import {
  ABOVE_ZERO,
  anyModels,
  errorRatio,
  LAST_VALUE,
  latencyQuantile,
  MODEL as M,
  modelDashboard,
  perModel,
  RATE,
  RED_FROM_ONE,
} from './common';

/** Big numbers for a projector: one tile per model, background-coloured, legible at 1920 × 1080. */
const stat = (spec: Omit<PanelSpec, 'type' | 'w' | 'h'> & { w?: number }): PanelSpec => ({
  type: 'stat',
  w: spec.w ?? 6,
  h: 7,
  ...spec,
  options: {
    reduceOptions: LAST_VALUE,
    orientation: 'horizontal',
    textMode: 'value_and_name',
    colorMode: 'background',
    graphMode: 'none',
    justifyMode: 'center',
    wideLayout: true,
    showPercentChange: false,
    text: { titleSize: 22, valueSize: 48 },
    ...spec.options,
  },
});

/** A count of trouble per model, a third of the row wide: red from 1. */
const troubleCount = (spec: Omit<PanelSpec, 'type' | 'w' | 'h' | 'unit'>): PanelSpec =>
  stat({ unit: 'none', decimals: 0, w: 8, thresholds: RED_FROM_ONE, ...spec });

/** A last-1,000 quality figure of the version each model serves now. */
const servingQuality = (metric: string): string =>
  `max by (team, model) (${metric}{team=~"$team", model=~"${M}", window="last_1000"} and on (team, model, version) driftlab_model_serving_version_info)`;

/** Each model's quality target of one metric, to match `on (team, model)`. */
const target = (metric: string): string =>
  `on (team, model) driftlab_model_quality_target{metric="${metric}"}`;

export const labOverview = modelDashboard({
  uid: 'driftlab-overview',
  title: 'Lab overview',
  description: 'Every model at a glance, for the lecture screen (kiosk mode at 1920 × 1080).',
  tags: ['driftlab', 'overview'],
  model: anyModels('driftlab_predictions_total'),
  rows: [
    {
      title: 'Quality',
      panels: [
        stat({
          title: 'Accuracy vs target',
          description:
            "Realized accuracy over the last 1,000 labelled predictions minus the model's target (classifiers): red below the target.",
          unit: 'percentunit',
          decimals: 1,
          thresholds: ABOVE_ZERO,
          queries: [perModel(`${servingQuality('driftlab_model_accuracy')} - ${target('accuracy')}`)],
        }),
        stat({
          title: 'Accuracy',
          description: 'Realized accuracy over the last 1,000 labelled predictions (classifiers).',
          unit: 'percentunit',
          decimals: 1,
          color: { mode: 'fixed', fixedColor: 'blue' },
          queries: [perModel(servingQuality('driftlab_model_accuracy'))],
        }),
        stat({
          title: 'Estimated accuracy vs target',
          description:
            "Label-free accuracy estimate (from the model's confidence) over the last 1,000 predictions minus the target: it moves before the labels arrive.",
          unit: 'percentunit',
          decimals: 1,
          thresholds: ABOVE_ZERO,
          queries: [
            perModel(`${servingQuality('driftlab_model_estimated_accuracy')} - ${target('accuracy')}`),
          ],
        }),
        stat({
          title: 'Error vs target',
          description:
            'Regressors: mean absolute error over the last 1,000 labelled predictions as a share of the target; red above 100 %.',
          unit: 'percentunit',
          decimals: 0,
          thresholds: RED_FROM_ONE,
          queries: [
            perModel(
              `${servingQuality('driftlab_model_mean_absolute_error')} / ${target('mean_absolute_error')}`,
            ),
          ],
        }),
      ],
    },
    {
      title: 'Serving',
      panels: [
        stat({
          title: 'p95 latency',
          description: '95th percentile of the time to answer a prediction request.',
          unit: 's',
          thresholds: [
            { color: 'green', value: null },
            { color: 'orange', value: 0.05 },
            { color: 'red', value: 0.1 },
          ],
          queries: [{ expr: latencyQuantile(0.95, M), legend: '{{model}}' }],
        }),
        stat({
          title: 'Predictions per second',
          description: 'Instances predicted per second (a request can carry several).',
          unit: 'suffix: /s',
          decimals: 0,
          color: { mode: 'fixed', fixedColor: 'blue' },
          queries: [
            {
              expr: `sum by (team, model) (rate(driftlab_predictions_total{team=~"$team", model=~"${M}"}[${RATE}]))`,
              legend: '{{model}}',
            },
          ],
        }),
        stat({
          title: 'Error rate',
          description: 'Share of prediction requests answered with a server error (5xx).',
          unit: 'percentunit',
          decimals: 1,
          thresholds: [
            { color: 'green', value: null },
            { color: 'red', value: 0.05 },
          ],
          queries: [{ expr: errorRatio(M), legend: '{{model}}' }],
        }),
        stat({
          title: 'Serving version',
          description: 'The model version each model serves now.',
          unit: 'none',
          decimals: 0,
          color: { mode: 'fixed', fixedColor: 'purple' },
          queries: [perModel(`driftlab_model_serving_version{team=~"$team", model=~"${M}"}`)],
        }),
      ],
    },
    {
      title: 'Drift and alerts',
      panels: [
        troubleCount({
          title: 'Drifted features',
          description:
            "Features (and the model's output) whose drift test says drift now, against the serving version's training data.",
          queries: [
            perModel(
              `sum by (team, model) (max by (team, model, feature) (driftlab_drift_detected{team=~"$team", model=~"${M}"}))`,
            ),
          ],
        }),
        troubleCount({
          title: 'Firing alerts',
          description: 'Alerts firing now, per model.',
          queries: [
            perModel(
              `(count by (team, model) (ALERTS{alertstate="firing", team=~"$team", model=~"${M}"}) or (driftlab_model_serving_version{team=~"$team", model=~"${M}"} * 0))`,
            ),
          ],
        }),
        {
          type: 'alertlist',
          title: 'Alerts',
          description: 'The alert rules firing or pending, from Prometheus.',
          unit: 'none',
          w: 8,
          h: 7,
          options: {
            viewMode: 'list',
            groupMode: 'default',
            groupBy: [],
            maxItems: 10,
            sortOrder: 1,
            dashboardAlerts: false,
            alertName: '',
            alertInstanceLabelFilter: '',
            datasource: 'Prometheus',
            stateFilter: { firing: true, pending: true, noData: false, normal: false, error: true },
          },
        },
      ],
    },
  ],
});
