import { SentAs, type SimEvent } from '../engine/event';
import type { Rng } from '../random/rng';
import type { CategoricalFeature } from '../worlds/types';
import { happens, numberParam, type Effect, type EffectContext } from './effects';

/** Data-quality faults change what is sent, never the truth the label comes from. */
function payloadFault(
  ctx: EffectContext,
  probability: (intensity: number) => number,
  fault: (event: SimEvent, i: number, rng: Rng) => void,
): Effect {
  const i = ctx.features[0];
  return {
    category: 'quality',
    duplicateRate: 0,
    apply(event, intensity, rng) {
      if (!happens(probability(intensity), rng)) return;
      fault(event, i, rng);
      event.faulty = true;
    },
  };
}

const always = (intensity: number) => intensity;
const rateOf = (ctx: EffectContext, fallback: number) => {
  const rate = numberParam(ctx.params, 'rate', fallback);
  return (intensity: number) => rate * intensity;
};
/**
 * Floating-point noise from a unit factor (×0.001) would show as 52.300000000000004. Rounding to 15
 * significant digits removes it without losing digits of the product (rounding to a fixed 6
 * decimals sent 0.9394 × 0.001 as 0.000939).
 */
const clean = (v: number) => Number(v.toPrecision(15));

export function missingValues(ctx: EffectContext): Effect {
  return payloadFault(ctx, rateOf(ctx, 1), (event, i) => (event.sentAs[i] = SentAs.Missing));
}

export function unitChange(ctx: EffectContext): Effect {
  const factor = numberParam(ctx.params, 'factor');
  return payloadFault(ctx, always, (event, i) => (event.sent[i] = clean(event.sent[i] * factor)));
}

export function renameField(ctx: EffectContext): Effect {
  const i = ctx.features[0];
  const to = ctx.params.to as string;
  return payloadFault(ctx, always, (event) => {
    const names = event.fieldNames.slice();
    names[i] = to;
    event.fieldNames = names;
  });
}

export function dropField(ctx: EffectContext): Effect {
  return payloadFault(ctx, always, (event, i) => (event.sentAs[i] = SentAs.Dropped));
}

export function numberAsString(ctx: EffectContext): Effect {
  return payloadFault(ctx, rateOf(ctx, 1), (event, i) => (event.sentAs[i] = SentAs.String));
}

export function unseenCategory(ctx: EffectContext): Effect {
  const values = (ctx.params.values as string[] | undefined) ?? ['unknown'];
  return payloadFault(ctx, rateOf(ctx, 1), (event, i, rng) => {
    event.sentAs[i] = SentAs.Unseen;
    event.unseen[i] = values.length === 1 ? values[0] : values[rng.int(values.length)];
  });
}

export function stuckFeature(ctx: EffectContext): Effect {
  const i = ctx.features[0];
  const spec = ctx.world.features[i];
  const given = ctx.params.value;
  const value =
    given === undefined
      ? ctx.typicalValues.typical[i]
      : spec.kind === 'categorical'
        ? (spec as CategoricalFeature).categories.indexOf(String(given))
        : (given as number);
  return payloadFault(ctx, always, (event, j) => (event.sent[j] = value));
}

export function outliers(ctx: EffectContext): Effect {
  const factor = numberParam(ctx.params, 'factor', 100);
  return payloadFault(ctx, rateOf(ctx, 0.05), (event, i) => (event.sent[i] = clean(event.sent[i] * factor)));
}

export function duplicateRecords(ctx: EffectContext): Effect {
  return {
    category: 'quality',
    duplicateRate: numberParam(ctx.params, 'rate'),
    apply() {},
  };
}
