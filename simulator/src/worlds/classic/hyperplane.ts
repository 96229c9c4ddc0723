import type { Concept, NumericFeature, World, WorldInstance } from '../types';
import type { Rng } from '../../random/rng';

/** Number of attributes (d). */
const D = 10;
const DECIMALS = 4;
const SCALE = 10 ** DECIMALS;

/** One running hyperplane; its weights and drift directions are exposed for inspection. */
export interface HyperplaneInstance extends WorldInstance {
  /** The live weights w_1..w_d (index i is the weight of x{i+1}); treat as read-only. */
  readonly weights: Float64Array;
  /** The live drift direction (+1 or -1) of each weight; only the first `driftingFeatures` are used. */
  readonly directions: Float64Array;
  /** w_0 = ½ Σ w_i for the current weights: the threshold a point's weighted sum is compared to. */
  threshold(): number;
}

/** The hyperplane world; its instances expose their weights (for tests and the tutor's answer key). */
export interface HyperplaneWorld extends World {
  instantiate(rng: Rng): HyperplaneInstance;
}

function features(): NumericFeature[] {
  const out: NumericFeature[] = [];
  for (let i = 1; i <= D; i++) {
    out.push({
      name: `x${i}`,
      kind: 'numeric',
      unit: '',
      description: `Coordinate ${i} of a point drawn uniformly from the unit hypercube [0, 1]^${D}.`,
      min: 0,
      max: 1,
      decimals: DECIMALS,
    });
  }
  return out;
}

function instantiate(rng: Rng): HyperplaneInstance {
  // Weights w_i ~ U[0, 1] from the world's own stream (Wang et al. 2003; MOA; river).
  const weights = new Float64Array(D);
  for (let i = 0; i < D; i++) weights[i] = rng.next();
  // Drift randomness (initial directions, reversals) has its own stream, so turning drift on or
  // off never changes the initial weights.
  const drift = rng.fork('drift');
  const directions = new Float64Array(D);
  for (let i = 0; i < D; i++) directions[i] = drift.next() < 0.5 ? -1 : 1;
  let sinceReversalCheck = 0;

  /** The noise-free label: 1 iff Σ w_i x_i >= w_0 = ½ Σ w_i, with w_0 from the current weights. */
  function rule(x: Float64Array): number {
    let sum = 0;
    let weightSum = 0;
    for (let i = 0; i < D; i++) {
      const w = weights[i];
      sum += w * x[i];
      weightSum += w;
    }
    return sum >= 0.5 * weightSum ? 1 : 0;
  }

  return {
    weights,
    directions,
    threshold() {
      let weightSum = 0;
      for (let i = 0; i < D; i++) weightSum += weights[i];
      return 0.5 * weightSum;
    },
    sample(streams, out) {
      for (let i = 0; i < D; i++) out[i] = Math.round(SCALE * streams[i].next()) / SCALE;
    },
    advance(concept: Concept) {
      const magnitude = concept.magnitude;
      // Magnitude 0 pauses the drift process: no weight moves and no direction reverses.
      if (!(magnitude > 0)) return;
      const k = Math.min(D, Math.max(0, Math.round(concept.driftingFeatures)));
      for (let i = 0; i < k; i++) weights[i] += directions[i] * magnitude;
      sinceReversalCheck++;
      if (sinceReversalCheck >= concept.reversalPeriod) {
        sinceReversalCheck = 0;
        const reversal = concept.reversal;
        for (let i = 0; i < k; i++) if (drift.next() < reversal) directions[i] = -directions[i];
      }
    },
    label(x, concept, noise) {
      const y = rule(x);
      // Always one draw per label, so the noise stream advances identically whatever the rate.
      return noise.next() < concept.noise ? 1 - y : y;
    },
    score(x, concept) {
      return rule(x) === 1 ? 1 - concept.noise : concept.noise;
    },
  };
}

/**
 * Rotating (moving) hyperplane (Hulten, Spencer & Domingos, KDD 2001; parametrised as in Wang, Fan,
 * Yu & Han, KDD 2003): class 1 iff Σ w_i x_i >= ½ Σ w_i; the first k weights drift.
 * See simulator/docs/worlds/hyperplane.md.
 */
export const hyperplane: HyperplaneWorld = {
  name: 'hyperplane',
  title: 'Rotating hyperplane',
  description:
    'Rotating hyperplane of Hulten, Spencer & Domingos (2001), "Mining time-changing data streams", KDD 2001, ' +
    'in the parametrisation of Wang, Fan, Yu & Han (2003), "Mining concept-drifting data streams using ' +
    'ensemble classifiers", KDD 2003. Points x are drawn uniformly from [0, 1]^10; weights w_i start ' +
    'uniform on [0, 1]. The label is 1 iff Σ w_i x_i >= w_0 with w_0 = ½ Σ w_i, recomputed from the ' +
    'current weights, so about half the points are positive. After each event the first `driftingFeatures` ' +
    'weights move by `magnitude` in their own direction, and each direction reverses with probability ' +
    '`reversal` (checked every `reversalPeriod` events). Labels are flipped with probability `noise`.',
  task: 'classification',
  target: {
    name: 'class',
    description: 'Which side of the current hyperplane the point lies on, after label noise.',
    classes: ['below the hyperplane', 'on or above the hyperplane'],
  },
  features: features(),
  concept: {
    magnitude: {
      default: 0,
      description:
        'Change of each drifting weight per event (t in MOA, t/N in Wang et al.); 0 pauses the drift.',
      min: 0,
      max: 1,
    },
    reversal: {
      default: 0.1,
      description:
        'Probability that a drifting weight reverses its direction at each check (σ in MOA, 10 % in Wang et al.).',
      min: 0,
      max: 1,
    },
    reversalPeriod: {
      default: 1,
      description:
        'Events between direction-reversal checks: 1 checks after every event (MOA, river); ' +
        'Wang et al. check once every N events.',
      discrete: true,
      min: 1,
      max: 1_000_000,
    },
    driftingFeatures: {
      default: 2,
      description: 'Number of weights that drift (k): the weights of x1..xk.',
      discrete: true,
      min: 0,
      max: D,
    },
    noise: {
      default: 0.05,
      description: 'Probability that a label is flipped (5 % in Wang et al., MOA and river).',
      min: 0,
      max: 0.5,
    },
  },
  instantiate,
};
