import type { Rng } from './rng';

// ---------------------------------------------------------------------------------------------
// Allocation-free sampling by inversion, for the worlds' generators.
//
// Every feature consumes exactly one 32-bit draw from its own stream per event: `drawUniforms`
// takes them all first, from one call site (so V8 inlines the generator once), and each feature
// is then a pure function of its own uniform and the values of earlier features. Hot helpers pass
// doubles only through typed arrays and return small integers, so whether or not V8 inlines them,
// no number is boxed and sampling allocates nothing.
// ---------------------------------------------------------------------------------------------

/** Fills `u[i]` with one uniform on (0, 1), never 0 or 1, from `streams[i]`, for every feature. */
export function drawUniforms(streams: readonly Rng[], u: Float64Array): void {
  for (let i = 0; i < u.length; i++) u[i] = (streams[i].uint32() + 0.5) * 2.3283064365386963e-10; // 2^-32
}

/**
 * Replaces `u[i]` by its standard normal quantile for each index in `indices`: Acklam's rational
 * approximation of the inverse normal CDF, relative error below 1.2e-9. Inverting the CDF costs one
 * uniform per normal, unlike rejection methods, and is cheaper than the polar method. Results go
 * into the array rather than through return values, so nothing is boxed even if V8 does not inline.
 */
export function normalsInPlace(u: Float64Array, indices: Int32Array): void {
  for (let k = 0; k < indices.length; k++) {
    const i = indices[k];
    const q = u[i] - 0.5;
    if (q < -0.47575 || q > 0.47575) {
      normalTailInPlace(u, i); // rare (4.85 %), kept out of line so the central part stays small
      continue;
    }
    const r = q * q;
    u[i] =
      ((((((-3.969683028665376e1 * r + 2.209460984245205e2) * r - 2.759285104469687e2) * r +
        1.38357751867269e2) *
        r -
        3.066479806614716e1) *
        r +
        2.506628277459239) *
        q) /
      (((((-5.447609879822406e1 * r + 1.615858368580409e2) * r - 1.556989798598866e2) * r +
        6.680131188771972e1) *
        r -
        1.328068155288572e1) *
        r +
        1);
  }
}

function normalTailInPlace(u: Float64Array, i: number): void {
  const q = u[i] - 0.5;
  const t = Math.sqrt(-2 * Math.log(q < 0 ? u[i] : 1 - u[i]));
  const x =
    (((((-7.784894002430293e-3 * t - 3.223964580411365e-1) * t - 2.400758277161838) * t - 2.549732539343734) *
      t +
      4.374664141464968) *
      t +
      2.938163982698783) /
    ((((7.784695709041462e-3 * t + 3.224671290700398e-1) * t + 2.445134137142996) * t + 3.754408661907416) *
      t +
      1);
  u[i] = q < 0 ? x : -x;
}

const QUANTILE_SCRATCH = new Float64Array(1);
const QUANTILE_INDEX = Int32Array.of(0);

/** The standard normal quantile of `p` in (0, 1), as computed by `normalsInPlace`. */
export function normalQuantile(p: number): number {
  QUANTILE_SCRATCH[0] = p;
  normalsInPlace(QUANTILE_SCRATCH, QUANTILE_INDEX);
  return QUANTILE_SCRATCH[0];
}

/*
 * The two helpers below take the uniform as (array, index) and return a small integer: even when
 * V8 does not inline them, no double is boxed on the way in or out.
 */

/** The category index for the uniform `u[i]` under cumulative weights (from `cumulativeWeights`). */
export function pickIndex(u: Float64Array, i: number, cumulative: Float64Array): number {
  const last = cumulative.length - 1;
  const target = u[i] * cumulative[last];
  let k = 0;
  while (k < last && target >= cumulative[k]) k++;
  return k;
}

const INVERSE = Float64Array.from({ length: 1001 }, (_, k) => (k === 0 ? 0 : 1 / k));

/**
 * A Poisson count for the uniform `u[i]` by inverting the CDF, at most `max` (at most 1000). The
 * mean is `lambda[j]` and `expNegLambda[j]` is its e^-lambda, precomputed so that no exp is needed.
 */
export function poissonQuantile(
  u: Float64Array,
  i: number,
  lambda: Float64Array,
  expNegLambda: Float64Array,
  j: number,
  max: number,
): number {
  const x = u[i];
  const l = lambda[j];
  let p = expNegLambda[j];
  let cdf = p;
  let k = 0;
  while (x >= cdf && k < max) {
    k++;
    p *= l * INVERSE[k];
    cdf += p;
  }
  return k;
}
