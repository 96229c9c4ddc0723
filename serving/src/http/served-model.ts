import type { Imputation, Schema } from './input-policy';

/** One prediction for one instance. */
export interface Prediction {
  /** Classification: the predicted class (0 or 1); regression: the predicted value. */
  readonly value: number;
  /** Classification: P(class 1); regression: the predicted value again. */
  readonly score: number;
}

/** A loaded model version, ready to serve: what the HTTP layer needs and nothing more. */
export interface ServedModel {
  readonly name: string;
  readonly version: number;
  readonly task: 'classification' | 'regression';
  readonly schema: Schema;
  /** Per feature, what replaces a missing value (training mean or most frequent category). */
  readonly imputation: Imputation;
  /** Predicts from a feature vector in schema order (category indices; -1 for an unseen category). */
  predict(row: Float64Array): Prediction;
}

/** Where the HTTP layer finds the models it serves. */
export interface ModelCatalog {
  /** The serving version of `name`, or undefined when there is no such model. */
  current(name: string): ServedModel | undefined;
  /** Every model's name with its versions and which one serves. */
  status(name: string): { versions: readonly number[]; serving: number | null } | undefined;
  names(): readonly string[];
}

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
  /** Per instance, the values before imputation (see ValidatedBatch.observed). */
  readonly observed: readonly Float64Array[];
  /** Per instance and feature, fault bits (see ValidatedBatch.faultBits). */
  readonly faultBits: readonly Uint8Array[];
  readonly unknownFields: readonly number[];
  /** The class (0/1) or value per instance. */
  readonly predictions: readonly number[];
  /** P(class 1), or the value again for regression. */
  readonly scores: readonly number[];
}
