/*
 * The feature schema a model version accepts: what the prediction API validates requests against.
 * Taken from the world at training time and stored with the version, so a later change to a world
 * never changes what an old version accepts.
 */

export interface NumericField {
  readonly name: string;
  readonly kind: 'numeric';
  /** The valid range; values outside are a data-quality fault (the API's policy decides). */
  readonly min: number;
  readonly max: number;
  readonly decimals: number;
  readonly unit: string;
}

export interface CategoricalField {
  readonly name: string;
  readonly kind: 'categorical';
  readonly categories: readonly string[];
}

export type SchemaField = NumericField | CategoricalField;

export interface FeatureSchema {
  readonly world: string;
  readonly task: 'classification' | 'regression';
  readonly target: {
    readonly name: string;
    /** Classification: the meaning of class 0 and 1. */
    readonly classes?: readonly [string, string];
    /** Regression: the unit of the predicted value. */
    readonly unit?: string;
  };
  /** In the world's feature order, which is the order of the model's feature vectors. */
  readonly features: readonly SchemaField[];
}
