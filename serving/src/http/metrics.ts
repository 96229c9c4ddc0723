import type { InputFault } from '@driftlab/contracts';
import { Counter, Histogram, Registry, type LabelValues, type OpenMetricsContentType } from 'prom-client';
import { RegistryMetrics } from './registry-metrics';

/** Latency buckets in seconds: fine below 100 ms, where a healthy toy model lives, coarse above. */
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

/**
 * The serving side's Prometheus metrics, on a registry of its own (no default Node.js metrics:
 * some of them fail `promtool check metrics`). Labels are bounded: model, version, status, feature
 * (from the schema) and fault; never a request id or a client-chosen field name.
 */
export class ServingMetrics {
  /** OpenMetrics, so the latency histogram can carry exemplars (see exposition.ts for the text form). */
  readonly registry = new Registry<OpenMetricsContentType>();
  readonly requests: Counter<'model' | 'version' | 'status'>;
  readonly errors: Counter<'model' | 'version' | 'status'>;
  /** Latency with an exemplar per bucket: the trace id of a request that landed in it. */
  readonly duration: Histogram<'model' | 'version'>;
  readonly inputFaults: Counter<'model' | 'feature' | 'fault'>;
  readonly predictions: Counter<'model' | 'version'>;
  /** Requests whose X-Event-Time was not believed, by model (see EventClock). */
  readonly eventTimesReplaced: Counter<'model'>;
  /** Versions, deployments, retrains and gate results, read from the model registry at scrape time. */
  readonly registryState: RegistryMetrics;

  constructor() {
    this.registry.setContentType(Registry.OPENMETRICS_CONTENT_TYPE);
    const registers = [this.registry];
    const counter = <L extends string>(name: string, help: string, labelNames: L[]) =>
      new Counter<L>({ name, help, labelNames, registers });
    this.requests = counter(
      'driftlab_prediction_requests_total',
      'Prediction requests (HTTP) by model, serving version and HTTP status. One request may carry several instances: the lab batches its simulated requests when serving is busy (a high --speed); driftlab_predictions_total counts instances.',
      ['model', 'version', 'status'],
    );
    this.errors = counter(
      'driftlab_prediction_errors_total',
      'Prediction requests answered with an HTTP status of 400 or more.',
      ['model', 'version', 'status'],
    );
    this.duration = new Histogram({
      name: 'driftlab_prediction_duration_seconds',
      help: 'Time to answer a prediction request, in seconds.',
      labelNames: ['model', 'version'],
      buckets: LATENCY_BUCKETS,
      enableExemplars: true,
      registers,
    });
    this.inputFaults = counter(
      'driftlab_input_faults_total',
      'Input values that broke the feature schema (missing, wrong type, unseen category, out of range, unknown field), whatever the policy did with them.',
      ['model', 'feature', 'fault'],
    );
    this.predictions = counter(
      'driftlab_predictions_total',
      'Instances predicted (a request can carry several).',
      ['model', 'version'],
    );
    this.eventTimesReplaced = counter(
      'driftlab_event_times_replaced_total',
      "Prediction requests whose X-Event-Time header was not believed (only the lab's simulator, with the tutor token, dates its requests) and that were given serving's clock instead.",
      ['model'],
    );
    this.registryState = new RegistryMetrics(this.registry);
  }

  /** Records one answered request: its latency (with the trace id as exemplar), count and error. */
  observeRequest(
    labels: { model: string; version: string },
    status: number,
    seconds: number,
    traceId?: string,
  ): void {
    // prom-client types exemplar labels as the metric's own label names; trace_id is not one of them.
    const exemplarLabels = (traceId ? { trace_id: traceId } : {}) as LabelValues<'model' | 'version'>;
    this.duration.observe({ labels, value: seconds, exemplarLabels });
    const withStatus = { ...labels, status: String(status) };
    this.requests.inc(withStatus);
    if (status >= 400) this.errors.inc(withStatus);
  }

  /** Counts a batch's input faults; unknown field names are client-chosen, so they share one label. */
  countFaults(model: string, known: ReadonlySet<string>, faults: Map<string, Map<InputFault, number>>): void {
    for (const [field, byFault] of faults) {
      const feature = known.has(field) ? field : '(unknown)';
      for (const [fault, n] of byFault) this.inputFaults.inc({ model, feature, fault }, n);
    }
  }
}
