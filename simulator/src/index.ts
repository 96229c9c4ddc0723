// The simulator's public surface. Everything else in src/ is internal.
export { Rng } from './random/rng';
export * from './worlds/index';
export { INJECTORS, injectorInfo, type InjectorCategory, type InjectorInfo } from './injectors/catalogue';
export { shapeWeight, type Shape } from './injectors/shapes';
export { parseDuration, formatDuration } from './scenarios/duration';
export type {
  Scenario,
  Step,
  AnswerKey,
  AlertExpectation,
  Detection,
  DiagnosisKind,
  RecoveryAction,
  RecoveryCheck,
  StepTarget,
} from './scenarios/types';
export { DIAGNOSIS_KINDS, RECOVERY_ACTIONS } from './scenarios/types';
export { parseScenario, loadScenarioFile, formatIssue, ScenarioError } from './scenarios/load';
export type { ScenarioIssue } from './scenarios/validate';
export { SCENARIO_SCHEMA, SCENARIO_SCHEMA_PATH } from './scenarios/validate';
export { builtinScenarios, resolveScenario, libraryFiles, LIBRARY_DIR } from './scenarios/library';
export { Simulation, type SimulationOptions } from './engine/simulation';
export {
  IncidentError,
  type IncidentErrorCode,
  type IncidentState,
  type IncidentStatus,
} from './engine/incidents';
export { FeedbackQueue, type DueLabel } from './engine/feedback-queue';
export {
  DEFAULT_LABELS,
  DEFAULT_START_TIME,
  DEFAULT_TRAFFIC,
  type LabelFeedbackConfig,
  type TrafficConfig,
} from './engine/config';
export {
  toRecord,
  sentFeatures,
  type SimEvent,
  type EventRecord,
  type ServingDirective,
} from './engine/event';
export { ScaledClock } from './clock/clock';
export { JsonlFormatter } from './output/jsonl';
export { ByteWriter } from './output/byte-writer';
export { CsvFormatter } from './output/csv';
export { writeEvents, OUTPUT_FORMATS, type OutputFormat, type WriteOptions } from './output/write';
export { renamedFields } from './scenarios/renamed';
