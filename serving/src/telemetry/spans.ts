import { trace } from '@opentelemetry/api';

/**
 * The tracer of serving's spans; a no-op until startTelemetry registers the SDK. Looked up each
 * time (a cached lookup in the provider): a tracer kept from before a telemetry restart would
 * still point at the provider that was shut down.
 */
export function tracer() {
  return trace.getTracer('driftlab-serving');
}

/** The span name of a prediction request, by route template (never the concrete model name: low cardinality). */
export const PREDICT_SPAN = 'POST /v1/models/{name}:predict';

/** The trace id of the active span, or undefined outside a recorded span. */
export function activeTraceId(): string | undefined {
  const span = trace.getActiveSpan();
  if (!span) return undefined;
  const context = span.spanContext();
  return trace.isSpanContextValid(context) ? context.traceId : undefined;
}
