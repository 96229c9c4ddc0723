import type { PanelSpec } from '../builder';
import {
  ALERTS_RECEIVED,
  anyModels,
  barGauge,
  BARS,
  LAST_VALUE,
  LEGEND_BELOW,
  MODEL as M,
  modelDashboard,
  perModel,
  RATE,
  STEPS,
  table,
  timeSeries,
} from './common';

/** A count per model since the registry was created, a quarter of the row wide. */
const stat = (spec: Omit<PanelSpec, 'type' | 'w' | 'h' | 'unit'>): PanelSpec => ({
  type: 'stat',
  unit: 'none',
  w: 6,
  h: 6,
  decimals: 0,
  color: { mode: 'fixed', fixedColor: 'blue' },
  ...spec,
  options: {
    reduceOptions: LAST_VALUE,
    textMode: 'value_and_name',
    colorMode: 'value',
    graphMode: 'none',
    justifyMode: 'auto',
    ...spec.options,
  },
});

/** Whole numbers over time, half the row wide, a legend below. */
const counts = (spec: Omit<PanelSpec, 'type' | 'unit' | 'w' | 'h'>): PanelSpec =>
  timeSeries({ unit: 'none', decimals: 0, w: 12, h: 8, ...spec });

export const recovery = modelDashboard({
  uid: 'driftlab-recovery',
  title: 'Recovery',
  description:
    'What was done about incidents: deployments, rollbacks, retrains, promotion-gate results, and how long alerts took to clear.',
  tags: ['driftlab', 'recovery'],
  model: anyModels('driftlab_model_serving_version'),
  rows: [
    {
      title: 'Versions',
      panels: [
        counts({
          title: 'Serving version over time',
          description: 'The version each model serves: a step up is a promotion, a step down a rollback.',
          custom: STEPS,
          options: { ...LEGEND_BELOW, tooltip: { mode: 'multi', sort: 'none' } },
          queries: [
            { expr: `driftlab_model_serving_version{team=~"$team", model=~"${M}"}`, legend: '{{model}}' },
          ],
        }),
        barGauge({
          title: 'Versions by status',
          description:
            'Stored versions: serving, retired (served before), rejected (failed its gates), candidate.',
          unit: 'none',
          decimals: 0,
          w: 12,
          h: 8,
          queries: [
            {
              expr: `driftlab_model_versions{team=~"$team", model=~"${M}"} > 0`,
              legend: '{{model}} {{status}}',
              instant: true,
            },
          ],
        }),
      ],
    },
    {
      title: 'Actions',
      panels: [
        stat({
          title: 'Promotions',
          description: 'Promotions (a newer version made to serve) since the registry was created.',
          queries: [
            perModel(`driftlab_model_deployments_total{team=~"$team", model=~"${M}", action="promote"}`),
          ],
        }),
        stat({
          title: 'Rollbacks',
          description: 'Rollbacks (an earlier version made to serve again) since the registry was created.',
          queries: [
            perModel(`driftlab_model_deployments_total{team=~"$team", model=~"${M}", action="rollback"}`),
          ],
        }),
        stat({
          title: 'Retrains',
          description: 'Versions trained on recent labelled predictions, promoted or not.',
          queries: [perModel(`driftlab_model_retrains_total{team=~"$team", model=~"${M}"}`)],
        }),
        stat({
          title: 'Promotion gates failed',
          description:
            'Candidates the promotion gates rejected (worse holdout quality or a failed model test).',
          thresholds: [
            { color: 'green', value: null },
            { color: 'orange', value: 1 },
          ],
          color: { mode: 'thresholds' },
          queries: [
            perModel(
              `driftlab_model_promotion_gate_results_total{team=~"$team", model=~"${M}", outcome="failed"}`,
            ),
          ],
        }),
        counts({
          title: 'Deployments over time',
          description: 'Promotions and rollbacks as they happened.',
          custom: BARS,
          queries: [
            {
              expr: `sum by (team, model, action) (increase(driftlab_model_deployments_total{team=~"$team", model=~"${M}"}[${RATE}]))`,
              legend: '{{model}} {{action}}',
            },
          ],
        }),
        table({
          title: 'Promotion-gate results',
          description: 'Versions whose promotion gates ran, by outcome.',
          unit: 'none',
          w: 12,
          h: 8,
          queries: [
            {
              expr: `sum by (team, model, outcome) (driftlab_model_promotion_gate_results_total{team=~"$team", model=~"${M}"})`,
              legend: '{{model}} {{outcome}}',
              instant: true,
            },
          ],
        }),
      ],
    },
    {
      title: 'Time to recover',
      panels: [
        table({
          title: 'Time from alert to recovery',
          description:
            'How long the last alert of each kind fired before it resolved (wall-clock time: at the lab speed of 60, a minute is an hour of simulated traffic).',
          unit: 's',
          w: 12,
          h: 8,
          queries: [
            {
              expr: `driftlab_alert_time_to_recovery_seconds{team=~"$team", model=~"${M}"}`,
              legend: '{{alertname}} {{model}}',
              instant: true,
            },
          ],
        }),
        counts({
          title: 'Alerts received by the lab',
          description: 'Alert notifications Alertmanager delivered to the lab, by alert and status.',
          custom: STEPS,
          queries: [ALERTS_RECEIVED],
        }),
      ],
    },
  ],
});
