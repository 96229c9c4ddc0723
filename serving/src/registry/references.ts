import type {
  CalibrationBins,
  FeatureSchema,
  ModelReference,
  ReferenceProfile,
  ReferenceSource,
} from '@driftlab/contracts';
import type { ModelRegistry } from './registry';
import type { ModelVersion } from './types';

/**
 * A stored version's schema, profile and holdout metrics as the contract types. The registry keeps
 * them as opaque JSON; serving wrote them from these types at training time, so this is the one
 * place they are read back as such.
 */
export function storedReference(stored: ModelVersion): ModelReference {
  return {
    schema: stored.featureSchema as unknown as FeatureSchema,
    profile: stored.profile() as ReferenceProfile,
    holdout: stored.metrics.holdout as Record<string, unknown> | undefined,
    calibration: stored.metrics.calibration as CalibrationBins | undefined,
  };
}

/**
 * The registry as the exporter's reference source, caching what it read (versions never change
 * once written). A miss is not cached: the names asked about can come from a request (the
 * exporter's ingest), so caching them would grow without bound, and a version trained later (a
 * retrain in another process) must be found once it exists.
 */
export function registryReferences(registry: ModelRegistry): ReferenceSource {
  const cache = new Map<string, ModelReference>();
  return {
    reference(model, version) {
      const key = `${model}@${version}`;
      const cached = cache.get(key);
      if (cached) return cached;
      let found: ModelReference;
      try {
        found = storedReference(registry.version(model, version));
      } catch {
        return null;
      }
      cache.set(key, found);
      return found;
    },
  };
}
