import type { ReferenceSource } from '@driftlab/contracts';
import { ModelRegistry, registryReferences } from '@driftlab/serving';

/** References from a registry another process owns, opened read-only once it exists. */
export function readOnlyReferences(dir: string): ReferenceSource {
  let source: ReferenceSource | undefined;
  return {
    reference(model, version) {
      if (!source) {
        try {
          source = registryReferences(ModelRegistry.open(dir, { readOnly: true }));
        } catch {
          return null; // serving has not created it yet
        }
      }
      return source.reference(model, version);
    },
  };
}
