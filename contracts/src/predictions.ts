// What crosses from serving and the simulator to the monitoring side: answered predictions and
// their late labels, joined by one request id.

/**
 * The predictions of one answered request, for the monitoring side (the exporter): what was sent,
 * what it had wrong, what the model said. Rejected requests are not reported (serving counts
 * their faults in driftlab_input_faults_total).
 */
export interface PredictionBatch {
  readonly model: string;
  readonly version: number;
  readonly task: 'classification' | 'regression';
  /** Event time, epoch ms: the X-Event-Time header when the client sent one, else the wall clock. */
  readonly time: number;
  /** One per instance, as answered in `request_id`. */
  readonly requestIds: readonly string[];
  /** The instances as sent (for the labelled log). */
  readonly instances: readonly unknown[];
  /** Per instance, the values before imputation (schema order; category index, -1 for an unseen category; NaN when missing or unusable). */
  readonly observed: readonly Float64Array[];
  /** Per instance and feature, fault bits (see faultBit). */
  readonly faultBits: readonly Uint8Array[];
  readonly unknownFields: readonly number[];
  /** The class (0/1) or value per instance. */
  readonly predictions: readonly number[];
  /** P(class 1), or the value again for regression. */
  readonly scores: readonly number[];
}

/** A ground-truth label as the simulator delivers it, late. */
export interface LabelEvent {
  readonly model: string;
  readonly requestId: string;
  readonly label: number;
  /** When it arrived, epoch ms (simulated time). */
  readonly time: number;
}

/**
 * The request id of a simulated event: the id the simulator sends in X-Request-Id, serving answers
 * and logs, and the label is joined by. The one place it is built. `run` numbers the lab's runs on
 * one data directory (1, 2, … at each start), so a restart's ids never meet an earlier run's rows
 * in the labelled log: no label of one run joins a prediction of another.
 */
export function requestId(world: string, eventId: number, run: number): string {
  return `${world}-r${run}-${eventId}`;
}
