import { happens, numberParam, type Effect, type EffectContext } from './effects';

/** Label-feedback faults: late, lost or poisoned ground truth. */
export function labelDelay(ctx: EffectContext): Effect {
  const factor = numberParam(ctx.params, 'factor');
  return {
    category: 'label',
    apply(feedback, intensity) {
      feedback.delay *= 1 + (factor - 1) * intensity;
    },
  };
}

export function labelDrop(ctx: EffectContext): Effect {
  const rate = numberParam(ctx.params, 'rate');
  return {
    category: 'label',
    apply(feedback, intensity, rng) {
      if (happens(rate * intensity, rng)) feedback.delivered = false;
    },
  };
}

export function labelFlip(ctx: EffectContext): Effect {
  const rate = numberParam(ctx.params, 'rate');
  return {
    category: 'label',
    apply(feedback, intensity, rng) {
      if (happens(rate * intensity, rng)) feedback.label = 1 - feedback.label;
    },
  };
}
