import type { FeatureSchema, SchemaField } from '@driftlab/contracts';
import type { World } from '@driftlab/simulator';

/** A world's feature schema, stored with each version trained on it (see @driftlab/contracts). */
export function featureSchema(world: World): FeatureSchema {
  const { name, classes, unit } = world.target;
  return {
    world: world.name,
    task: world.task,
    target: {
      name,
      ...(classes ? { classes: [classes[0], classes[1]] as const } : {}),
      ...(unit !== undefined ? { unit } : {}),
    },
    features: world.features.map((f): SchemaField =>
      f.kind === 'numeric'
        ? { name: f.name, kind: 'numeric', min: f.min, max: f.max, decimals: f.decimals, unit: f.unit }
        : { name: f.name, kind: 'categorical', categories: [...f.categories] },
    ),
  };
}
