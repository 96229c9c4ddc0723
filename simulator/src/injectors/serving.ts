import { happens, numberParam, type Effect, type EffectContext } from './effects';

/** Serving faults are declared here and carried out by the serving side, which gets only these settings. */
export function addedLatency(ctx: EffectContext): Effect {
  const ms = numberParam(ctx.params, 'ms');
  return {
    category: 'serving',
    apply(directive, intensity) {
      directive.addedLatencyMs += Math.round(ms * intensity);
    },
  };
}

export function errorBurst(ctx: EffectContext): Effect {
  const rate = numberParam(ctx.params, 'rate', 1);
  const status = numberParam(ctx.params, 'status', 500);
  return {
    category: 'serving',
    apply(directive, intensity, rng) {
      if (happens(rate * intensity, rng)) directive.failStatus = status;
    },
  };
}

export function modelUnavailable(): Effect {
  return {
    category: 'serving',
    apply(directive, intensity, rng) {
      if (happens(intensity, rng)) directive.unavailable = true;
    },
  };
}
