import type { FeatureSchema, ReferenceProfile } from '@driftlab/contracts';
import { loadModel, type ModelArtifact } from '../models';
import type { ServedModel } from './served-model';

/** What serving needs of a stored model version. */
export interface ServableVersion {
  readonly artifact: ModelArtifact;
  readonly schema: FeatureSchema;
  readonly profile: ReferenceProfile;
}

/**
 * A model version ready to serve. Missing values are imputed with the training mean (numeric) or
 * the most frequent training category, both read from the version's reference profile.
 */
export function toServedModel(name: string, version: number, stored: ServableVersion): ServedModel {
  const predictor = loadModel(stored.artifact);
  const imputation = stored.schema.features.map((field, j) => {
    const profile = stored.profile.features[j];
    if (profile.name !== field.name)
      throw new Error(`profile feature ${j} is "${profile.name}", expected "${field.name}"`);
    if (profile.kind === 'numeric') return profile.mean;
    const shares = profile.proportions;
    return shares.indexOf(Math.max(...shares));
  });
  const classification = stored.schema.task === 'classification';
  return {
    name,
    version,
    task: stored.schema.task,
    schema: stored.schema.features,
    imputation,
    predict(row) {
      const score = predictor.score(row);
      return { value: classification ? (score > 0.5 ? 1 : 0) : score, score };
    },
  };
}
