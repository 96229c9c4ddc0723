import { numberParam, type Effect, type EffectContext } from './effects';

/** Abuse adds its own traffic: a flood from one client, or probes near the decision boundary. */
export function requestFlood(ctx: EffectContext): Effect {
  return { category: 'abuse', rate: numberParam(ctx.params, 'rate'), band: null };
}

export function boundaryProbing(ctx: EffectContext): Effect {
  return {
    category: 'abuse',
    rate: numberParam(ctx.params, 'rate'),
    band: numberParam(ctx.params, 'band', 0.05),
  };
}
