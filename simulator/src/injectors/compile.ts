import type { Step } from '../scenarios/types';
import type { World } from '../worlds/types';
import type { WorldTypicalValues } from '../engine/typical-values';
import { featureIndex } from '../worlds/types';
import type { Effect, EffectContext } from './effects';
import { categoryMix, meanShift, scaleChange, subpopulation } from './covariate';
import { conceptChange, priorShift } from './concept';
import {
  dropField,
  duplicateRecords,
  missingValues,
  numberAsString,
  outliers,
  renameField,
  stuckFeature,
  unitChange,
  unseenCategory,
} from './quality';
import { labelDelay, labelDrop, labelFlip } from './feedback';
import { addedLatency, errorBurst, modelUnavailable } from './serving';
import { boundaryProbing, requestFlood } from './abuse';

const FACTORIES: Readonly<Record<string, (ctx: EffectContext) => Effect>> = {
  'mean-shift': meanShift,
  'scale-change': scaleChange,
  subpopulation,
  'category-mix': categoryMix,
  'concept-change': conceptChange,
  'prior-shift': priorShift,
  'missing-values': missingValues,
  'unit-change': unitChange,
  'rename-field': renameField,
  'drop-field': dropField,
  'number-as-string': numberAsString,
  'unseen-category': unseenCategory,
  'stuck-feature': stuckFeature,
  outliers,
  'duplicate-records': duplicateRecords,
  'label-delay': labelDelay,
  'label-drop': labelDrop,
  'label-flip': labelFlip,
  'added-latency': addedLatency,
  'error-burst': errorBurst,
  'model-unavailable': modelUnavailable,
  'request-flood': requestFlood,
  'boundary-probing': boundaryProbing,
};

export const IMPLEMENTED_INJECTORS: readonly string[] = Object.keys(FACTORIES);

/** The effect of a validated step on `world`. */
export function compileEffect(step: Step, world: World, typicalValues: WorldTypicalValues): Effect {
  const factory = FACTORIES[step.injector];
  if (!factory) throw new Error(`unknown injector "${step.injector}"`);
  const names = step.target.features ?? (step.target.feature ? [step.target.feature] : []);
  const features = names.map((name) => {
    const i = featureIndex(world, name);
    if (i < 0) throw new Error(`world "${world.name}" has no feature "${name}"`);
    return i;
  });
  return factory({ world, typicalValues, features, params: step.params });
}
