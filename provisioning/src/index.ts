export { generatedFiles, PROVISIONING_DIR, staleFiles, writeGeneratedFiles } from './files';
export {
  localAlertmanagerConfig,
  localPrometheusConfig,
  type LocalAlertmanagerOptions,
  type LocalPrometheusOptions,
  type LocalTargets,
} from './local';
export { DASHBOARDS } from './grafana/dashboards';
export { SCHEMA_VERSION, PROMETHEUS_UID, ALERTMANAGER_UID } from './grafana/builder';
/** The drift panel's plugin id, as the dashboards name it (@driftlab/contracts' DRIFT_PANEL_ID). */
export { DRIFT_PANEL_ID as DRIFT_PANEL } from '@driftlab/contracts';
export {
  ALERT_RULES,
  alertNames,
  LATENCY_SLO,
  RECORDING_RULES,
  type AlertRule,
  type RecordingRule,
  type RuleGroup,
} from './prometheus/rules';
export { teamDashboard, teamFolder, type TeamFolder } from './grafana/team-dashboards';
export { DEFAULT_LAB_URL, LAB_VARIABLE, withLabUrl } from './grafana/lab-links';
