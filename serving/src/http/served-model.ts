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
