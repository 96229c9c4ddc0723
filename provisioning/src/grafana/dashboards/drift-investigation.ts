import { DRIFT_METRICS } from '@driftlab/contracts';
import { labelVariable, type PanelSpec, type PromQuery } from '../builder';
import { barGauge, MODEL as M, modelDashboard, RATE, timeSeries } from './common';
import { driftPanel, type DriftPanelOverrides } from './drift-panel';

const F = '$feature';

/** The drift panel's queries (plugin/src/README.md, "Queries"). */
const driftQueries = (features: string): PromQuery[] => [
  { expr: `${DRIFT_METRICS.score}{team=~"$team", model=~"${M}", feature=~"${features}"}` },
  {
    expr: `${DRIFT_METRICS.binProportion}{team=~"$team", model=~"${M}", feature=~"${features}"}`,
    instant: true,
  },
  { expr: `${DRIFT_METRICS.statistic}{team=~"$team", model=~"${M}", feature=~"${features}"}`, instant: true },
  { expr: `${DRIFT_METRICS.sampleSize}{team=~"$team", model=~"${M}"}`, instant: true },
  { expr: `${DRIFT_METRICS.detected}{team=~"$team", model=~"${M}", feature=~"${features}"}`, instant: true },
];

/** The drift panel on `$model`: the distributions mode shows the `$feature` variable's features. */
const modelDriftPanel = (
  mode: DriftPanelOverrides['mode'],
  title: string,
  description: string,
  w: number,
  h: number,
): PanelSpec =>
  driftPanel({
    title,
    description,
    w,
    h,
    queries: driftQueries(mode === 'distributions' ? F : '.*'),
    options: { mode },
  });

const series = (spec: Omit<PanelSpec, 'type'>): PanelSpec =>
  timeSeries({
    options: {
      legend: { displayMode: 'table', placement: 'right', showLegend: true, calcs: ['lastNotNull'] },
      tooltip: { mode: 'multi', sort: 'desc' },
    },
    ...spec,
  });

export const driftInvestigation = modelDashboard({
  uid: 'driftlab-drift',
  title: 'Drift investigation',
  description:
    "Which features of a model drifted, how far, since when, and how their distributions moved; data quality beside it. Severity 1 is a drift test's threshold.",
  tags: ['driftlab', 'drift'],
  model: { metric: DRIFT_METRICS.score, description: 'The model to investigate.' },
  variables: [
    labelVariable({
      name: 'feature',
      label: 'Feature',
      query: `label_values(${DRIFT_METRICS.score}{team=~"$team", model=~"${M}"}, feature)`,
      multi: true,
      description:
        "The features shown in the distributions and time series ((prediction) is the model's output).",
    }),
  ],
  rows: [
    {
      title: 'Which features drifted',
      panels: [
        modelDriftPanel(
          'overview',
          'Drift overview',
          'Features ranked by drift severity (1 = the test threshold), and the distributions of the selected feature: click a row.',
          24,
          12,
        ),
        modelDriftPanel(
          'ranking',
          'Drift ranking',
          'Every feature sorted by severity; hover a row for "why is this red?": the rule, p-value and sample sizes.',
          12,
          10,
        ),
        modelDriftPanel(
          'timeline',
          'Drift timeline',
          'Features × time: when each feature started to drift, with the alerts and deployments marked.',
          12,
          10,
        ),
      ],
    },
    {
      title: 'Distributions and scores',
      panels: [
        modelDriftPanel(
          'distributions',
          'Distributions: training vs now',
          'Reference (training data of the serving version) against the current window, per bin or category, for the selected features.',
          12,
          10,
        ),
        barGauge({
          title: 'Bin proportions',
          description:
            'Share of the reference and of the current window in each bin of the selected features.',
          unit: 'percentunit',
          w: 12,
          h: 10,
          min: 0,
          max: 1,
          queries: [
            {
              expr: `driftlab_drift_bin_proportion{team=~"$team", model=~"${M}", feature=~"${F}"}`,
              legend: '{{feature}} {{bin}} {{sample}}',
              instant: true,
            },
          ],
          valueMode: 'color',
          sizing: 'auto',
        }),
        series({
          title: 'Drift scores over time',
          description:
            "Each test's score: a p-value (ks, chi_square: drift below the threshold) or a distance (wasserstein_norm, jensen_shannon, psi: drift at or above it).",
          unit: 'none',
          w: 12,
          h: 9,
          queries: [
            {
              expr: `driftlab_drift_score{team=~"$team", model=~"${M}", feature=~"${F}"}`,
              legend: '{{feature}} {{method}} (threshold {{threshold}})',
            },
          ],
        }),
        series({
          title: 'Drift sample sizes',
          description: 'Rows behind the statistics: the reference (training data) and the current window.',
          unit: 'none',
          w: 12,
          h: 9,
          queries: [
            { expr: `driftlab_drift_sample_size{team=~"$team", model=~"${M}"}`, legend: '{{sample}}' },
          ],
        }),
      ],
    },
    {
      title: 'Data quality',
      panels: [
        series({
          title: 'Failed checks',
          description:
            'Share of the current window whose value failed a check: missing, type_violation, out_of_range, unseen_category.',
          unit: 'percentunit',
          w: 12,
          h: 9,
          min: 0,
          queries: [
            {
              expr: `driftlab_data_quality_ratio{team=~"$team", model=~"${M}", feature=~"${F}"}`,
              legend: '{{feature}} {{check}}',
            },
          ],
        }),
        series({
          title: 'Schema violations',
          description: 'Instances per second received with any input fault or an unknown field.',
          unit: 'suffix: /s',
          w: 12,
          h: 9,
          queries: [
            {
              expr: `sum(rate(driftlab_schema_violations_total{team=~"$team", model=~"${M}"}[${RATE}])) or on () (sum(rate(driftlab_monitored_predictions_total{team=~"$team", model=~"${M}"}[${RATE}])) * 0)`,
              legend: 'violations',
            },
          ],
        }),
      ],
    },
  ],
});
