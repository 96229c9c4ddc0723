import { happens, numberParam, type Effect, type EffectContext } from './effects';

/** Concept drift: new values for parameters of the world's labelling function. */
export function conceptChange(ctx: EffectContext): Effect {
  const set = ctx.params.set as Record<string, number>;
  const changes = Object.entries(set).map(([name, value]) => ({
    name,
    value,
    discrete: ctx.world.concept[name].discrete === true,
  }));
  return {
    category: 'concept',
    apply(concept, base, intensity, rng) {
      for (const c of changes) {
        if (c.discrete) {
          if (happens(intensity, rng)) concept[c.name] = c.value;
        } else {
          concept[c.name] = base[c.name] + (c.value - base[c.name]) * intensity;
        }
      }
    },
  };
}

/** Prior shift: P(y) moves to `positiveRate` while P(x | y) stays (the engine resamples by class). */
export function priorShift(ctx: EffectContext): Effect {
  const target = numberParam(ctx.params, 'positiveRate');
  const base = ctx.typicalValues.positiveRate;
  return {
    category: 'prior',
    targetRate: (intensity) => base + (target - base) * intensity,
  };
}
