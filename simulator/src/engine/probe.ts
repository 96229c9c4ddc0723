import type { Rng } from '../random/rng';
import { roundTo, type Concept, type World, type WorldInstance } from '../worlds/types';

/** Samples an anchor on the far side of the boundary at most this many times per concept. */
const ANCHOR_ATTEMPTS = 5_000;
const BISECTIONS = 30;

/**
 * Crafts inputs close to a classifier's decision boundary the way a boundary-search attack does:
 * from a fresh input, bisect along the line to an anchor on the other side of P(y = 1) = 0.5 until
 * the score is within `band` of 0.5. Numeric features interpolate (rounded as the world sends
 * them); categorical ones take the anchor's values up front when that keeps the start on its
 * side of the boundary, else switch half-way. Costs about 30 score evaluations a probe, where
 * rejection sampling costs thousands in worlds with rare positives.
 */
export class BoundaryProbe {
  private readonly candidate: Float64Array;
  private readonly best: Float64Array;
  private readonly start: Float64Array;
  private anchor: Float64Array | null = null;

  constructor(
    private readonly world: World,
    private readonly score: (x: Float64Array, concept: Concept) => number,
    private readonly generator: { readonly instance: WorldInstance; readonly streams: Rng[] },
  ) {
    const n = world.features.length;
    this.candidate = new Float64Array(n);
    this.best = new Float64Array(n);
    this.start = new Float64Array(n);
  }

  /** Moves `x` (a fresh sample) to near the boundary under `concept`. */
  craft(x: Float64Array, concept: Concept, band: number): void {
    const s0 = this.score(x, concept);
    if (Math.abs(s0 - 0.5) <= band) return;
    const anchor = this.anchorFor(concept, s0 < 0.5);
    if (!anchor) return;
    this.start.set(x);
    this.best.set(x);
    let bestDistance = Math.abs(s0 - 0.5);
    // Take the anchor's categories first when the start stays on its side: the path is then
    // continuous in the numeric features and the bisection converges onto the boundary.
    this.withAnchorCategories(anchor);
    if (this.score(this.candidate, concept) < 0.5 === s0 < 0.5) this.start.set(this.candidate);
    let lo = 0; // the start's side
    let hi = 1; // the anchor's side
    for (let i = 0; i < BISECTIONS && bestDistance > band; i++) {
      const t = (lo + hi) / 2;
      this.interpolate(t, anchor);
      const s = this.score(this.candidate, concept);
      const distance = Math.abs(s - 0.5);
      if (distance < bestDistance) {
        bestDistance = distance;
        this.best.set(this.candidate);
      }
      if (s < 0.5 === s0 < 0.5) lo = t;
      else hi = t;
    }
    x.set(this.best);
  }

  private withAnchorCategories(anchor: Float64Array): void {
    const { features } = this.world;
    for (let j = 0; j < features.length; j++)
      this.candidate[j] = features[j].kind === 'categorical' ? anchor[j] : this.start[j];
  }

  private interpolate(t: number, anchor: Float64Array): void {
    const { features } = this.world;
    for (let j = 0; j < features.length; j++) {
      const spec = features[j];
      this.candidate[j] =
        spec.kind === 'numeric'
          ? roundTo(this.start[j] + (anchor[j] - this.start[j]) * t, spec.decimals)
          : t < 0.5
            ? this.start[j]
            : anchor[j];
    }
  }

  /** An input on the positive side (or the negative side), kept while the concept agrees. */
  private anchorFor(concept: Concept, positive: boolean): Float64Array | null {
    const onSide = (v: Float64Array) => this.score(v, concept) >= 0.5 === positive;
    if (this.anchor && onSide(this.anchor)) return this.anchor;
    const { instance, streams } = this.generator;
    const draw = new Float64Array(this.world.features.length);
    for (let i = 0; i < ANCHOR_ATTEMPTS; i++) {
      instance.sample(streams, draw);
      if (onSide(draw)) return (this.anchor = draw);
    }
    return null;
  }
}
