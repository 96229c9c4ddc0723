export {
  INCIDENT_ACTIONS,
  INCIDENT_MODES,
  type IncidentAction,
  type Incident,
  type IncidentMode,
  type IncidentState,
} from './incident';
export {
  IncidentControlError,
  IncidentManager,
  type StartRequest,
  type StudentIncidentView,
  type TeamLab,
} from './incident-manager';
export { timeToRecover } from './time-to-recover';
