/*
 * Model references for the exporter's tests, built with the contracts' profile builders (those
 * serving trains with), so the tests need no trained model.
 */
import {
  categoricalProfile,
  numericProfile,
  type FeatureSchema,
  type ModelReference,
  type ReferenceProfile,
} from '@driftlab/contracts';
import { mulberry32 } from './random';

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
