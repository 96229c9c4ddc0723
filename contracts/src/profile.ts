/*
 * A model version's reference profile: per feature, the distribution of its training data, which the
 * exporter compares live traffic against. Serving builds it at training time (serving/src/models/
 * profile.ts says how: systematic sample, numpy decile edges, shares per bin); the exporter reads it.
 * Shares are over non-missing values; `missing` is the share of rows without a (known) value.
 */

import type { CalibrationBins } from './maths/metrics';
import type { FeatureSchema } from './schema';

/** Decile bins of a numeric profile: nine edges, ten shares (see binOf). */
export const BINS = 10;

export interface NumericProfile {
  readonly name: string;
  readonly kind: 'numeric';
  /** Non-missing values seen. */
  readonly count: number;
  readonly missing: number;
  readonly mean: number;
  readonly sd: number;
  readonly min: number;
  readonly max: number;
  /** Sorted ascending, at most SAMPLE_SIZE values. */
  readonly sample: readonly number[];
  /** The 9 decile edges, non-decreasing. */
  readonly edges: readonly number[];
  /** Training share of each of the 10 bins (see binOf). */
  readonly proportions: readonly number[];
}

export interface CategoricalProfile {
  readonly name: string;
  readonly kind: 'categorical';
  readonly count: number;
  readonly missing: number;
  readonly categories: readonly string[];
  readonly proportions: readonly number[];
}

export type FeatureProfile = NumericProfile | CategoricalProfile;

export interface ReferenceProfile {
  /** Training rows the profile describes. */
  readonly size: number;
  readonly features: readonly FeatureProfile[];
  /** The training labels: categories '0' and '1' for classification, numeric for regression. */
  readonly target: FeatureProfile;
  /** The model's own outputs on its training data (P(y = 1) or the predicted value): prediction drift needs no labels. */
  readonly prediction: NumericProfile;
}

/** What the monitoring side needs of a model version: its schema, training profile and holdout metrics. */
export interface ModelReference {
  readonly schema: FeatureSchema;
  readonly profile: ReferenceProfile;
  readonly holdout?: Readonly<Record<string, unknown>>;
  /** Classifiers: the holdout's scores against its labels (versions trained before it have none). */
  readonly calibration?: CalibrationBins;
}

/** Where the monitoring side finds a model version's reference (serving's registry). */
export interface ReferenceSource {
  /** null when the version is unknown (or not readable yet). */
  reference(model: string, version: number): ModelReference | null;
}
