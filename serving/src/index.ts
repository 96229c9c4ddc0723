// The serving package's public surface: what the lab, tests and benchmarks use, listed by name.
// Everything else in src/ is internal.
export { loadModel, trainModel, type ModelArtifact, type Predictor, type TrainedModel } from './models';
export {
  ModelRegistry,
  registryReferences,
  RegistryError,
  type Deployment,
  type ModelVersion,
  type VersionListing,
} from './registry';
export { openServing, type Serving, type ServingOptions } from './open-serving';
export { predictionRoutes, type PredictionRoutesOptions } from './http/routes';
export { predictStep, type PredictCall, type PredictStepOptions, type PredictStepResult } from './predict';
export {
  FAULT_HEADER,
  faultFromHeader,
  FaultInjector,
  faultToHeader,
  MAX_PENDING_REQUEST_FAULTS,
  type RequestFault,
} from './http/faults';
export { DEFAULT_INPUT_POLICY, STRICT_INPUT_POLICY, type InputPolicy } from './http/input-policy';
export { ServingMetrics } from './http/metrics';
export { metricsHandler, renderMetrics } from './http/exposition';
export { jsonBodyErrors } from './http/json-body-errors';
export {
  bodyCheck,
  bodyValidator,
  requestBodySchema,
  validBody,
  type BodyCheck,
  type BodyMessageOptions,
} from './http/body-validation';
export { OPENAPI } from './http/openapi';
export type { RecoveryActionEvent, RecoveryHooks } from './http/recovery-routes';
export type { ModelCatalog, ServedModel } from './http/served-model';
export { toServedModel } from './http/served';
export { failedChecks, promoteWithGates, type GateReport } from './gates';
export { RegistryCatalog } from './catalog';
export { ensureModels, storeTrained } from './bootstrap';
export { LabelledLog } from './labelled-log';
export { Recovery, RecoveryError, retrainFromLog } from './recovery';
export { activeTraceId, PREDICT_SPAN, startTelemetry, type Telemetry } from './telemetry';
