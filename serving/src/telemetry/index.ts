export { startTelemetry, type Telemetry, type TelemetryOptions } from './telemetry';
export { activeTraceId, PREDICT_SPAN, tracer } from './spans';
