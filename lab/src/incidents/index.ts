export {
  INCIDENT_ACTIONS,
  INCIDENT_MODES,
  INCIDENT_STATES,
  type IncidentAction,
  type Incident,
  type IncidentMode,
  type IncidentState,
} from './incident';
export { IncidentControlError, IncidentManager, type StartRequest, type TeamLab } from './incident-manager';
export {
  incidentViewFor,
  revealedAnswerOf,
  scoresVisible,
  visibleTo,
  type RevealedAnswer,
  type StudentIncidentView,
} from './views';
export { timeToRecover } from './time-to-recover';
