import type { InputFault, SchemaField } from '@driftlab/contracts';

/**
 * What serving does with each fault, as a production service would decide it. Every fault is
 * counted whatever the action, so dashboards show it even when the request succeeds.
 * - missing (absent or null): `impute` with the training mean or most frequent category, or `reject`;
 * - wrong-type: a number sent as a numeric string is `coerce`d, or `reject`ed; other wrong types are
 *   always rejected;
 * - non-finite (NaN, Infinity, sent as strings since JSON has no such numbers): always rejected;
 * - unseen-category: `impute` (the one-hot encoding of an unknown category is all zeros), or `reject`;
 * - out-of-range: `accept` (real data has outliers; the model extrapolates) or `reject`;
 * - unknown-field: `ignore` or `reject`.
 */
export interface InputPolicy {
  readonly missing: 'impute' | 'reject';
  readonly numericString: 'coerce' | 'reject';
  readonly unseenCategory: 'impute' | 'reject';
  readonly outOfRange: 'accept' | 'reject';
  readonly unknownField: 'ignore' | 'reject';
}

export const DEFAULT_INPUT_POLICY: InputPolicy = {
  missing: 'impute',
  numericString: 'coerce',
  unseenCategory: 'impute',
  outOfRange: 'accept',
  unknownField: 'ignore',
};

/** A policy that rejects every fault: the strict service. */
export const STRICT_INPUT_POLICY: InputPolicy = {
  missing: 'reject',
  numericString: 'reject',
  unseenCategory: 'reject',
  outOfRange: 'reject',
  unknownField: 'reject',
};

/** One problem with one field of one instance. */
export interface FieldError {
  readonly instance: number;
  readonly field: string;
  readonly problem: InputFault;
  readonly message: string;
}

/** The values used in place of missing ones: per feature, a number (numeric) or a category index. */
export type Imputation = readonly number[];

/** The features a model accepts, in the order of its feature vectors. */
export type Schema = readonly SchemaField[];
