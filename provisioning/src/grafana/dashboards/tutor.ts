import { DRIFT_METRICS } from '@driftlab/contracts';
import { builtInAnnotations, datasourceVariable, teamVariable, dashboard } from '../builder';
import { ALERTS_RECEIVED, studentAnnotations, table, timeSeries } from './common';
import { driftPanel } from './drift-panel';

/*
 * The tutor's view, in the Tutor folder that students cannot open (`driftlab grafana setup`).
 * Incidents and their answer keys are annotations the lab posts to this dashboard only
 * (dashboard-scoped annotations are readable only by who can open the dashboard); tag-wide
 * annotations would be readable by every viewer of the organisation.
 */

export const tutor = dashboard({
  uid: 'driftlab-tutor',
  title: 'Tutor: incidents and alerts',
  description:
    'For tutors only: incidents with their answer keys (annotations), what fired, and how every model is doing.',
  tags: ['driftlab-tutor'],
  audience: 'tutor',
  variables: [datasourceVariable(), teamVariable()],
  annotations: [
    // This dashboard's own annotations: the incidents the lab injected, with their answer keys.
    { ...builtInAnnotations(), name: 'Incidents', hide: false, iconColor: 'orange' },
    ...studentAnnotations().slice(1),
  ],
  rows: [
    {
      title: 'What fired',
      panels: [
        table({
          title: 'Alerts firing',
          description: 'Every alert firing now, with its labels.',
          unit: 'none',
          w: 12,
          h: 8,
          queries: [{ expr: 'ALERTS{alertstate="firing"}', instant: true }],
        }),
        {
          type: 'annolist',
          title: 'Scoreboard: latest diagnoses',
          description:
            "Every team's diagnoses with their scores, newest first (annotations the lab posts to this dashboard only). The full table: driftlab scoreboard.",
          unit: 'none',
          w: 12,
          h: 8,
          options: {
            onlyFromThisDashboard: true,
            onlyInTimeRange: false,
            tags: ['driftlab-score'],
            limit: 30,
            showUser: false,
            showTime: true,
            showTags: false,
            navigateToPanel: false,
            navigateBefore: '10m',
            navigateAfter: '10m',
          },
        },
        timeSeries({
          title: 'Alerts received by the lab',
          description:
            'Alert notifications Alertmanager delivered to the lab (the record), by alert and status.',
          unit: 'none',
          decimals: 0,
          w: 12,
          h: 8,
          queries: [ALERTS_RECEIVED],
        }),
      ],
    },
    {
      title: 'Every model',
      panels: [
        timeSeries({
          title: 'Accuracy minus target',
          description:
            'Realized (last 1,000 labelled) accuracy minus the target, per classifier: below 0 misses it.',
          unit: 'percentunit',
          w: 12,
          h: 9,
          queries: [
            {
              expr: 'max by (team, model) (driftlab_model_accuracy{window="last_1000"} and on (team, model, version) driftlab_model_serving_version_info) - on (team, model) driftlab_model_quality_target{metric="accuracy"}',
              legend: '{{model}}',
            },
          ],
        }),
        driftPanel({
          title: 'Drift ranking, all models',
          description: 'Every feature of every model ranked by drift severity (1 = its test threshold).',
          w: 12,
          h: 9,
          queries: [
            { expr: DRIFT_METRICS.score },
            { expr: DRIFT_METRICS.statistic, instant: true },
            { expr: DRIFT_METRICS.sampleSize, instant: true },
            { expr: DRIFT_METRICS.detected, instant: true },
          ],
          options: { mode: 'ranking', topN: 15 },
        }),
      ],
    },
  ],
});
