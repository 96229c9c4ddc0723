/*
 * Reference profiles built by hand for the exporter's tests (not built), as a model version's
 * training would give them (contracts/src/profile.ts): per numeric column a sorted sample of at
 * most SAMPLE_SIZE values, decile edges and the share of each bin; per categorical column the share
 * of each category. Shares are over non-missing values.
 */
import type {
  CategoricalProfile,
  FeatureSchema,
  ModelReference,
  NumericProfile,
  ReferenceProfile,
} from '@driftlab/contracts';
import { binCounts, decileEdges, meanAndSd } from '../drift';
import { mulberry32 } from './random';

/** The largest sample a profile keeps: every (n / SAMPLE_SIZE)-th value, from the middle of each stretch. */
export const SAMPLE_SIZE = 5000;

/** The profile of one numeric column; NaN entries count as missing. */
export function numericProfile(name: string, values: ArrayLike<number>): NumericProfile {
  const present = Array.from(values).filter((v) => !Number.isNaN(v));
  const count = present.length;
  const stride = count / SAMPLE_SIZE;
  const sample =
    count <= SAMPLE_SIZE
      ? present.slice()
      : Array.from({ length: SAMPLE_SIZE }, (_, k) => present[Math.floor((k + 0.5) * stride)]);
  sample.sort((a, b) => a - b);
  const sorted = Float64Array.from(present).sort();
  const edges = decileEdges(count > 0 ? sorted : [0]);
  const { mean, sd } = meanAndSd(sorted);
  return {
    name,
    kind: 'numeric',
    count,
    missing: values.length > 0 ? (values.length - count) / values.length : 0,
    mean: count > 0 ? mean : 0,
    sd: count > 0 ? sd : 0,
    min: count > 0 ? sorted[0] : 0,
    max: count > 0 ? sorted[count - 1] : 0,
    sample,
    edges,
    proportions: binCounts(edges, present).map((c) => (count > 0 ? c / count : 0)),
  };
}

/** The profile of one categorical column of indices; NaN or out-of-range indices count as missing. */
export function categoricalProfile(
  name: string,
  categories: readonly string[],
  values: ArrayLike<number>,
): CategoricalProfile {
  const counts = new Array<number>(categories.length).fill(0);
  for (const v of Array.from(values)) if (Number.isInteger(v) && v >= 0 && v < categories.length) counts[v]++;
  const count = counts.reduce((a, b) => a + b, 0);
  return {
    name,
    kind: 'categorical',
    count,
    missing: values.length > 0 ? (values.length - count) / values.length : 0,
    categories: [...categories],
    proportions: counts.map((c) => (count > 0 ? c / count : 0)),
  };
}

/**
 * A model version's reference as training on `rows` seeded rows would give it: numeric features
 * uniform over their schema range, categories equally likely, scores uniform, classes split evenly.
 */
export function modelReference(schema: FeatureSchema, rows = 1000, seed = 1): ModelReference {
  const next = mulberry32(seed);
  const column = (draw: () => number) => Array.from({ length: rows }, draw);
  const profile: ReferenceProfile = {
    size: rows,
    features: schema.features.map((f) =>
      f.kind === 'numeric'
        ? numericProfile(
            f.name,
            column(() => f.min + (f.max - f.min) * next()),
          )
        : categoricalProfile(
            f.name,
            f.categories,
            column(() => Math.floor(next() * f.categories.length)),
          ),
    ),
    target: categoricalProfile('y', ['0', '1'], [0, 1]),
    prediction: numericProfile('prediction', column(next)),
  };
  return { schema, profile };
}
