import type { World } from '@driftlab/simulator';
import { trainModel, type TrainedModel } from './models';
import type { ModelRegistry } from './registry';

/** Stores a trained model as a new version of `model`; returns its number. */
export function storeTrained(registry: ModelRegistry, model: string, trained: TrainedModel): number {
  return registry.addVersion(model, {
    artifact: trained.artifact,
    trainingWindow: trained.trainingWindow,
    metrics: trained.metrics,
    featureSchema: trained.schema,
    profile: trained.profile,
  });
}

/**
 * On first start, trains version 1 of every world's model that has none yet and puts it in
 * service, so a fresh lab serves predictions without a separate step. Returns the models trained.
 */
export function ensureModels(
  registry: ModelRegistry,
  worlds: readonly World[],
  seed: number,
  /** Told before each model trains (a few seconds each), so a first start is not silent. */
  onTraining?: (model: string) => void,
): string[] {
  const trained: string[] = [];
  for (const world of worlds) {
    if (registry.models().includes(world.name) && registry.current(world.name)) continue;
    onTraining?.(world.name);
    const version = storeTrained(registry, world.name, trainModel(world, { seed }));
    registry.promote(world.name, version, 'initial model, trained at first start');
    trained.push(world.name);
  }
  return trained;
}
