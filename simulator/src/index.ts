// The simulator's public surface: only what other packages use. Everything else in src/ is internal.
export { Rng } from './random/rng';
export { WORLDS, getWorld, worldNames, type World, type FeatureSpec } from './worlds/index';
export { INJECTORS, injectorInfo } from './injectors/catalogue';
export { DURATION_PATTERN, formatDuration, MAX_DURATION_DAYS, parseDuration } from './scenarios/duration';
export type { Scenario, AnswerKey, AlertExpectation, DiagnosisKind, RecoveryAction } from './scenarios/types';
export { DIAGNOSIS_KINDS } from './scenarios/types';
export { parseScenario, loadScenarioFile, formatIssue, ScenarioError } from './scenarios/load';
export { builtinScenarios, builtinScenario, resolveScenario, libraryFiles } from './scenarios/library';
export { formatScenario, scenarioData } from './scenarios/format';
export { MAX_SCENARIO_BYTES } from './scenarios/limits';
// The one bounded reader of files named on the command line (scenarios, playbooks, configuration).
export { readTextLimited } from './scenarios/read-file';
export { Simulation } from './engine/simulation';
export { FeedbackQueue, type DueLabel } from './engine/feedback-queue';
export { DEFAULT_START_TIME } from './engine/config';
export { toRecord, sentFeatures, type SimEvent } from './engine/event';
export { ScaledClock } from './clock/clock';
export { JsonlFormatter } from './output/jsonl';
export { ByteWriter } from './output/byte-writer';
export { writeEvents, OUTPUT_FORMATS, type OutputFormat } from './output/write';
export { renamedFields } from './scenarios/renamed';
