export { Diagnoses, type DiagnosisFeedback, type ScoreboardRow, type SubmittedDiagnosis } from './diagnoses';
export { DIAGNOSIS_LIMITS, diagnosisProblem } from './limits';
export {
  ONSET_FULL_SECONDS,
  ONSET_ZERO_SECONDS,
  scoreDiagnosis,
  WEIGHTS,
  type Diagnosis,
  type Score,
} from './scoring';
