// The serving package's public surface.
export * from './models';
export * from './registry';
export { predictionRoutes, type PredictionRoutesOptions } from './http/routes';
export * from './predict';
export {
  FAULT_HEADER,
  faultFromHeader,
  FaultInjector,
  faultToHeader,
  MAX_PENDING_REQUEST_FAULTS,
  NO_FAULTS,
  type FaultSettings,
  type RequestFault,
} from './http/faults';
export {
  DEFAULT_INPUT_POLICY,
  STRICT_INPUT_POLICY,
  type InputPolicy,
  type FieldError,
} from './http/input-policy';
export { ServingMetrics } from './http/metrics';
export { metricsHandler, renderMetrics, openMetricsToText } from './http/exposition';
export { jsonBodyErrors } from './http/json-body-errors';
export { OPENAPI } from './http/openapi';
export type { RecoveryActionEvent, RecoveryHooks } from './http/recovery-routes';
export type { ModelCatalog, Prediction, ServedModel } from './http/served-model';
export { toServedModel } from './http/served';
export * from './gates';
export { RegistryCatalog } from './catalog';
export { ensureModels, storeTrained } from './bootstrap';
export * from './labelled-log';
export * from './recovery';
export { openServing, type Serving, type ServingOptions } from './open-serving';
export * from './telemetry';
