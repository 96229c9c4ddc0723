export { AlertTracker } from './alert-tracker';
export { parseAlertmanagerPayload, PayloadError, type ReceivedAlert } from './alertmanager-payload';
export { LabMetrics } from './lab-metrics';
