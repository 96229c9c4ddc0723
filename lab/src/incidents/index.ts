export {
  IncidentError,
  IncidentManager,
  type Incident,
  type IncidentMode,
  type IncidentState,
  type StartRequest,
  type StudentIncidentView,
  type TeamLab,
} from './incident-manager';
export { timeToRecover } from './time-to-recover';
