import { cumulativeWeights, type Rng } from '../random/rng';
import { clamp, roundTo, type CategoricalFeature, type NumericFeature } from '../worlds/types';
import { happens, numberParam, type Effect, type EffectContext } from './effects';

/** Covariate drift changes P(x) only: values stay valid (clamped, rounded) and labels follow the true x. */
function keepValid(spec: NumericFeature, v: number): number {
  return clamp(roundTo(v, spec.decimals), spec.min, spec.max);
}

export function meanShift(ctx: EffectContext): Effect {
  const i = ctx.features[0];
  const spec = ctx.world.features[i] as NumericFeature;
  const by = numberParam(ctx.params, 'by');
  return {
    category: 'covariate',
    apply(x, intensity) {
      x[i] = keepValid(spec, x[i] + by * intensity);
    },
  };
}

export function scaleChange(ctx: EffectContext): Effect {
  const i = ctx.features[0];
  const spec = ctx.world.features[i] as NumericFeature;
  const factor = numberParam(ctx.params, 'factor');
  const centre = ctx.typicalValues.mean[i];
  return {
    category: 'covariate',
    apply(x, intensity) {
      x[i] = keepValid(spec, centre + (x[i] - centre) * (1 + (factor - 1) * intensity));
    },
  };
}

type PopulationValue =
  { mean: number; sd: number } | { category: string } | { weights: Record<string, number> };

/** A draw for one feature of the new sub-population. */
function populationSampler(spec: NumericFeature | CategoricalFeature, value: PopulationValue) {
  if (spec.kind === 'numeric') {
    const { mean, sd } = value as { mean: number; sd: number };
    return (rng: Rng) => keepValid(spec, rng.gaussian(mean, sd));
  }
  if ('category' in value) {
    const index = spec.categories.indexOf(value.category);
    return () => index;
  }
  const cumulative = categoryWeights(spec, (value as { weights: Record<string, number> }).weights);
  return (rng: Rng) => rng.pickCumulative(cumulative);
}

function categoryWeights(spec: CategoricalFeature, weights: Record<string, number>): Float64Array {
  return cumulativeWeights(spec.categories.map((c) => weights[c] ?? 0));
}

export function subpopulation(ctx: EffectContext): Effect {
  const fraction = numberParam(ctx.params, 'fraction');
  const values = ctx.params.values as Record<string, PopulationValue>;
  const samplers = ctx.features.map((i) => {
    const spec = ctx.world.features[i];
    return { i, draw: populationSampler(spec, values[spec.name]) };
  });
  return {
    category: 'covariate',
    apply(x, intensity, rng) {
      if (!happens(fraction * intensity, rng)) return;
      for (const s of samplers) x[s.i] = s.draw(rng);
    },
  };
}

export function categoryMix(ctx: EffectContext): Effect {
  const i = ctx.features[0];
  const spec = ctx.world.features[i] as CategoricalFeature;
  const cumulative = categoryWeights(spec, ctx.params.weights as Record<string, number>);
  return {
    category: 'covariate',
    apply(x, intensity, rng) {
      if (happens(intensity, rng)) x[i] = rng.pickCumulative(cumulative);
    },
  };
}
