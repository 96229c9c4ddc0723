import type { Dashboard } from '@grafana/schema';
import { driftInvestigation } from './drift-investigation';
import { labOverview } from './lab-overview';
import { modelHealth } from './model-health';
import { recovery } from './recovery';
import { tutor } from './tutor';

/** Every dashboard with its file under provisioning/grafana/dashboards/ (the folder is its Grafana folder). */
export const DASHBOARDS: readonly { readonly file: string; readonly dashboard: Dashboard }[] = [
  { file: 'driftlab/lab-overview.json', dashboard: labOverview },
  { file: 'driftlab/model-health.json', dashboard: modelHealth },
  { file: 'driftlab/drift-investigation.json', dashboard: driftInvestigation },
  { file: 'driftlab/recovery.json', dashboard: recovery },
  { file: 'tutor/tutor.json', dashboard: tutor },
];
