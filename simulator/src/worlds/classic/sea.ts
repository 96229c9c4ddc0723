import type { Concept, World, WorldInstance } from '../types';
import type { Rng } from '../../random/rng';

/** Attributes are sent with 3 decimals, so a sum of two is a multiple of 0.001. */
const DECIMALS = 3;
const SCALE = 10 ** DECIMALS;

/**
 * Tolerance on `f1 + f2 <= θ`. The exact sum of two 3-decimal values can land one ulp above θ in
 * floating point (0.037 + 0.034 gives 0.07100000000000001); a tolerance far below 0.0005 restores
 * the paper's exact arithmetic without moving any genuine decision.
 */
const SUM_TOLERANCE = 1e-9;

function sample(streams: readonly Rng[], out: Float64Array): void {
  out[0] = Math.round(10 * SCALE * streams[0].next()) / SCALE;
  out[1] = Math.round(10 * SCALE * streams[1].next()) / SCALE;
  out[2] = Math.round(10 * SCALE * streams[2].next()) / SCALE;
}

/** The noise-free concept: 1 iff f1 + f2 <= θ. */
function rule(x: Float64Array, concept: Concept): number {
  return x[0] + x[1] <= concept.threshold + SUM_TOLERANCE ? 1 : 0;
}

const instance: WorldInstance = {
  sample,
  label(x, concept, noise) {
    const y = rule(x, concept);
    // Always one draw per label, so the noise stream advances identically whatever the rate.
    return noise.next() < concept.noise ? 1 - y : y;
  },
  score(x, concept) {
    return rule(x, concept) === 1 ? 1 - concept.noise : concept.noise;
  },
};

/**
 * SEA concepts (Street & Kim, KDD 2001): three attributes uniform on [0, 10], only the first two
 * relevant; class 1 iff f1 + f2 <= θ, with class noise. See simulator/docs/worlds/sea.md.
 */
export const sea: World = {
  name: 'sea',
  title: 'SEA concepts',
  description:
    'Street & Kim (2001), "A streaming ensemble algorithm (SEA) for large-scale classification", KDD 2001. ' +
    'Three attributes f1, f2, f3 are drawn uniformly from [0, 10]; only f1 and f2 are relevant. ' +
    "The label is 1 iff f1 + f2 <= θ; the paper's four concepts use θ = 8, 9, 7 and 9.5 in turn. " +
    'Each label is then flipped with probability `noise` (10 % class noise in the paper).',
  task: 'classification',
  target: {
    name: 'class',
    description: 'Whether f1 + f2 is at most the threshold θ, after class noise.',
    classes: ['f1 + f2 > θ', 'f1 + f2 <= θ'],
  },
  features: [
    {
      name: 'f1',
      kind: 'numeric',
      unit: '',
      description: 'First relevant attribute, uniform on [0, 10].',
      min: 0,
      max: 10,
      decimals: DECIMALS,
    },
    {
      name: 'f2',
      kind: 'numeric',
      unit: '',
      description: 'Second relevant attribute, uniform on [0, 10].',
      min: 0,
      max: 10,
      decimals: DECIMALS,
    },
    {
      name: 'f3',
      kind: 'numeric',
      unit: '',
      description: 'Irrelevant attribute, uniform on [0, 10]; the label never depends on it.',
      min: 0,
      max: 10,
      decimals: DECIMALS,
    },
  ],
  concept: {
    threshold: {
      default: 8,
      description: 'θ: the label is 1 iff f1 + f2 <= θ. The paper uses 8, 9, 7 and 9.5 as its four concepts.',
      min: 0,
      max: 20,
    },
    noise: {
      default: 0.1,
      description: 'Probability that a label is flipped (class noise); the paper uses 10 %.',
      min: 0,
      max: 0.5,
    },
  },
  instantiate() {
    // SEA has no state: every instance can share one stateless object.
    return instance;
  },
};
