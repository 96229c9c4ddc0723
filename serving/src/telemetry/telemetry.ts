import { trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { NodeSDK, tracing } from '@opentelemetry/sdk-node';

/*
 * OpenTelemetry tracing for the lab's process. Spans are always recorded, so every prediction
 * request has a trace id for its exemplar and its log line; they leave the process only when
 * OTEL_EXPORTER_OTLP_ENDPOINT is set (OTLP over HTTP, the collector's or Tempo's port 4318).
 * Nothing else is configured from the environment on purpose: the SDK's defaults would also start
 * OTLP metric and log exporters, and its shutdown waits ~9 s for a collector that is not there.
 */

export interface TelemetryOptions {
  readonly serviceName: string;
  /** The environment to read OTEL_EXPORTER_OTLP_ENDPOINT from (default process.env). */
  readonly env?: NodeJS.ProcessEnv;
  /** Extra span processors (tests collect spans in memory with these). */
  readonly spanProcessors?: readonly tracing.SpanProcessor[];
}

export interface Telemetry {
  /** The URL spans are exported to, or null when they stay in the process. */
  readonly endpoint: string | null;
  /** Flushes exported spans and unregisters the tracer provider. */
  shutdown(): Promise<void>;
}

export function startTelemetry(options: TelemetryOptions): Telemetry {
  const env = options.env ?? process.env;
  // The OTLP spec: a base endpoint gets /v1/traces appended; a traces endpoint is used as it is.
  const base = env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim();
  const endpoint =
    env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim() || (base ? `${base.replace(/\/+$/, '')}/v1/traces` : null);
  const processors: tracing.SpanProcessor[] = [...(options.spanProcessors ?? [])];
  if (endpoint) processors.push(new tracing.BatchSpanProcessor(new OTLPTraceExporter({ url: endpoint })));
  // A no-op processor still makes the SDK register a tracer provider, so ids are real.
  if (processors.length === 0) processors.push(new tracing.NoopSpanProcessor());
  const sdk = new NodeSDK({
    serviceName: options.serviceName,
    spanProcessors: processors,
    metricReaders: [],
    logRecordProcessors: [],
    instrumentations: [],
    autoDetectResources: false,
  });
  sdk.start();
  return {
    endpoint,
    async shutdown() {
      await sdk.shutdown();
      trace.disable(); // so a later start in the same process (tests, a restart) registers again
    },
  };
}
