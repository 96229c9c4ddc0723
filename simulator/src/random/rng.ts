import { createHash } from 'node:crypto';
import { normalQuantile } from './inversion';

/**
 * A seeded random stream (sfc32, 128-bit state) that is one node of a tree of streams.
 *
 * Children are derived from the root seed and the child's *path*, never from the parent's state,
 * so forking is order-independent: adding a feature or a scenario step forks a new stream and
 * leaves every other stream's values unchanged.
 */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  private constructor(
    readonly seed: string,
    readonly path: string,
  ) {
    const digest = createHash('sha256').update(`${seed}\u0000${path}`).digest();
    this.a = digest.readUInt32LE(0);
    this.b = digest.readUInt32LE(4);
    this.c = digest.readUInt32LE(8);
    this.d = digest.readUInt32LE(12);
    // Warm-up, as recommended for sfc32, so nearby seeds decorrelate.
    for (let i = 0; i < 12; i++) this.uint32();
  }

  /** The root of a stream tree. */
  static root(seed: number | string): Rng {
    return new Rng(String(seed), '');
  }

  /** A child stream named `name`; the same name under the same parent always gives the same stream. */
  fork(name: string): Rng {
    return new Rng(this.seed, this.path === '' ? name : `${this.path}/${name}`);
  }

  /** A uniformly distributed unsigned 32-bit integer. */
  uint32(): number {
    // next() times 2^32: both scalings are powers of two, so the integer comes back exactly.
    return this.next() * 4294967296;
  }

  /** Uniform on [0, 1) with 32 bits of resolution. */
  next(): number {
    // The sfc32 step itself is here rather than in uint32(): this is the hottest function of the
    // simulator, and an unsigned 32-bit result would be boxed when the call is not inlined.
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) * 2.3283064365386963e-10;
  }

  /** Uniform on [lo, hi). */
  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }

  /** A uniformly chosen integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  bernoulli(p: number): boolean {
    return this.next() < p;
  }

  /** Standard normal, by inverting the normal CDF at one uniform (as the worlds sample). */
  normal(): number {
    return normalQuantile((this.uint32() + 0.5) * 2.3283064365386963e-10);
  }

  /** Normal with the given mean and standard deviation. */
  gaussian(mean: number, sd: number): number {
    return mean + sd * this.normal();
  }

  /** Log-normal whose median is `median` and whose log has standard deviation `sigma`. */
  logNormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  /** Exponential with mean 1. */
  exponential(): number {
    return -Math.log(1 - this.next());
  }

  /** An index drawn from cumulative weights (last entry is the total). */
  pickCumulative(cumulative: ArrayLike<number>): number {
    const u = this.next() * cumulative[cumulative.length - 1];
    let i = 0;
    while (i < cumulative.length - 1 && u >= cumulative[i]) i++;
    return i;
  }
}

/** Cumulative sums of weights, for `Rng.pickCumulative`. */
export function cumulativeWeights(weights: readonly number[]): Float64Array {
  const out = new Float64Array(weights.length);
  let sum = 0;
  for (let i = 0; i < weights.length; i++) out[i] = sum += weights[i];
  return out;
}
