export {
  IncidentControlError,
  IncidentManager,
  INCIDENT_ACTIONS,
  INCIDENT_MODES,
  type IncidentAction,
  type Incident,
  type IncidentMode,
  type IncidentState,
  type StartRequest,
  type StudentIncidentView,
  type TeamLab,
} from './incident-manager';
export { timeToRecover } from './time-to-recover';
