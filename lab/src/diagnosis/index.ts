export {
  Diagnoses,
  NO_INCIDENT,
  PENDING_REVEAL,
  type DiagnosisFeedback,
  type SubmittedDiagnosis,
} from './diagnoses';
export { projectorView, type ProjectorView } from './projector';
export { teamScoreboard, type RowDisclosure, type ScoreboardRow } from './scoreboard';
export { DIAGNOSIS_LIMITS, diagnosisProblem, servedModelsOf, type ServedModels } from './limits';
export {
  ONSET_FULL_SECONDS,
  ONSET_ZERO_SECONDS,
  scoreDiagnosis,
  WEIGHTS,
  type Diagnosis,
  type Score,
} from './scoring';
