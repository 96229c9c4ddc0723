import { datasourceVariable, teamVariable, dashboard, labelVariable, type PanelSpec } from '../builder';
import { RATE, STEPS, studentAnnotations } from './common';

const M = '$model';

const stat = (spec: Omit<PanelSpec, 'type' | 'h'>): PanelSpec => ({
  type: 'stat',
  h: 6,
  decimals: 0,
  color: { mode: 'fixed', fixedColor: 'blue' },
  ...spec,
  options: {
    reduceOptions: { calcs: ['lastNotNull'], fields: '', values: false },
    textMode: 'value_and_name',
    colorMode: 'value',
    graphMode: 'none',
    justifyMode: 'auto',
    ...spec.options,
  },
});

export const recovery = dashboard({
  uid: 'driftlab-recovery',
  title: 'Recovery',
  description:
    'What was done about incidents: deployments, rollbacks, retrains, promotion-gate results, and how long alerts took to clear.',
  tags: ['driftlab', 'recovery'],
  variables: [
    datasourceVariable(),
    teamVariable(),
    labelVariable({
      name: 'model',
      label: 'Model',
      query: 'label_values(driftlab_model_serving_version{team=~"$team"}, model)',
      multi: true,
      description: 'The models shown (all by default).',
    }),
  ],
  annotations: studentAnnotations(M),
  rows: [
    {
      title: 'Versions',
      panels: [
        {
          type: 'timeseries',
          title: 'Serving version over time',
          description: 'The version each model serves: a step up is a promotion, a step down a rollback.',
          unit: 'none',
          decimals: 0,
          w: 12,
          h: 8,
          custom: STEPS,
          options: {
            legend: { displayMode: 'list', placement: 'bottom', showLegend: true },
            tooltip: { mode: 'multi', sort: 'none' },
          },
          queries: [
            { expr: `driftlab_model_serving_version{team=~"$team", model=~"${M}"}`, legend: '{{model}}' },
          ],
        },
        {
          type: 'bargauge',
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
          options: {
            orientation: 'horizontal',
            displayMode: 'basic',
            reduceOptions: { calcs: ['lastNotNull'], fields: '', values: false },
            showUnfilled: true,
            namePlacement: 'left',
          },
        },
      ],
    },
    {
      title: 'Actions',
      panels: [
        stat({
          title: 'Promotions',
          description: 'Promotions (a newer version made to serve) since the registry was created.',
          unit: 'none',
          w: 6,
          queries: [
            {
              expr: `driftlab_model_deployments_total{team=~"$team", model=~"${M}", action="promote"}`,
              legend: '{{model}}',
              instant: true,
            },
          ],
        }),
        stat({
          title: 'Rollbacks',
          description: 'Rollbacks (an earlier version made to serve again) since the registry was created.',
          unit: 'none',
          w: 6,
          queries: [
            {
              expr: `driftlab_model_deployments_total{team=~"$team", model=~"${M}", action="rollback"}`,
              legend: '{{model}}',
              instant: true,
            },
          ],
        }),
        stat({
          title: 'Retrains',
          description: 'Versions trained on recent labelled predictions, promoted or not.',
          unit: 'none',
          w: 6,
          queries: [
            {
              expr: `driftlab_model_retrains_total{team=~"$team", model=~"${M}"}`,
              legend: '{{model}}',
              instant: true,
            },
          ],
        }),
        stat({
          title: 'Promotion gates failed',
          description:
            'Candidates the promotion gates rejected (worse holdout quality or a failed model test).',
          unit: 'none',
          w: 6,
          thresholds: [
            { color: 'green', value: null },
            { color: 'orange', value: 1 },
          ],
          color: { mode: 'thresholds' },
          queries: [
            {
              expr: `driftlab_model_promotion_gate_results_total{team=~"$team", model=~"${M}", outcome="failed"}`,
              legend: '{{model}}',
              instant: true,
            },
          ],
        }),
        {
          type: 'timeseries',
          title: 'Deployments over time',
          description: 'Promotions and rollbacks as they happened.',
          unit: 'none',
          decimals: 0,
          w: 12,
          h: 8,
          custom: { drawStyle: 'bars', fillOpacity: 60, lineWidth: 1, showPoints: 'never' },
          options: {
            legend: { displayMode: 'list', placement: 'bottom', showLegend: true },
            tooltip: { mode: 'multi', sort: 'desc' },
          },
          queries: [
            {
              expr: `sum by (team, model, action) (increase(driftlab_model_deployments_total{team=~"$team", model=~"${M}"}[${RATE}]))`,
              legend: '{{model}} {{action}}',
            },
          ],
        },
        {
          type: 'table',
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
          transformations: [{ id: 'labelsToFields', options: { mode: 'columns' } }],
          options: { showHeader: true, cellHeight: 'sm' },
        },
      ],
    },
    {
      title: 'Time to recover',
      panels: [
        {
          type: 'table',
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
          transformations: [{ id: 'labelsToFields', options: { mode: 'columns' } }],
          options: { showHeader: true, cellHeight: 'sm' },
        },
        {
          type: 'timeseries',
          title: 'Alerts received by the lab',
          description: 'Alert notifications Alertmanager delivered to the lab, by alert and status.',
          unit: 'none',
          decimals: 0,
          w: 12,
          h: 8,
          custom: STEPS,
          options: {
            legend: { displayMode: 'list', placement: 'bottom', showLegend: true },
            tooltip: { mode: 'multi', sort: 'desc' },
          },
          queries: [
            {
              expr: 'sum by (alertname, status) (driftlab_alerts_received_total)',
              legend: '{{alertname}} {{status}}',
            },
          ],
        },
      ],
    },
  ],
});
