import { CountingDetector, type DriftDetector } from './detector';

export interface AdwinOptions {
  /** Confidence δ: a false alarm on a stationary stream has probability at most about δ (default 0.002). */
  readonly delta?: number;
  /** Cut points are checked every `clock` updates (default 32). */
  readonly clock?: number;
  /** Buckets of each size kept before two are merged, M (default 5). */
  readonly maxBuckets?: number;
  /** Neither side of a cut may hold fewer elements than this (default 5). */
  readonly minWindowLength?: number;
  /** No cut is checked before the window holds more than this many elements (default 10). */
  readonly gracePeriod?: number;
}

export const ADWIN_DEFAULTS: Required<AdwinOptions> = {
  delta: 0.002,
  clock: 32,
  maxBuckets: 5,
  minWindowLength: 5,
  gracePeriod: 10,
};

/**
 * ADWIN's cut threshold ε_cut for sub-windows W₀ (older, n0 elements) and W₁ (newer, n1) of a
 * window of `width` elements whose variance is `variance` (population variance of the window):
 *
 *   ε_cut = √(2/m · σ²_W · ln(2/δ')) + 2/(3m) · ln(2/δ'),   δ' = δ / ln(width),
 *   1/m = 1/(n0 − ℓ + 1) + 1/(n1 − ℓ + 1),
 *
 * Bifet & Gavaldà (2007)'s Bernstein-style bound with m the harmonic mean of the sub-window sizes
 * (1/m = 1/n0 + 1/n1 when ℓ = 1); ℓ = minWindowLength shrinks the sizes as MOA's and river's
 * ADWIN do. The window is cut when |mean(W₀) − mean(W₁)| > ε_cut.
 */
export function adwinCutThreshold(
  n0: number,
  n1: number,
  width: number,
  variance: number,
  delta: number,
  minWindowLength: number,
): number {
  return cutThreshold(n0, n1, variance, Math.log((2 * Math.log(width)) / delta), minWindowLength);
}

// ε_cut with ln(2/δ') given: it depends on the width only, so a scan computes it once.
function cutThreshold(
  n0: number,
  n1: number,
  variance: number,
  lnTwoOverDeltaPrime: number,
  ell: number,
): number {
  const mReciprocal = 1 / (n0 - ell + 1) + 1 / (n1 - ell + 1);
  return (
    Math.sqrt(2 * mReciprocal * Math.max(0, variance) * lnTwoOverDeltaPrime) +
    (2 / 3) * lnTwoOverDeltaPrime * mReciprocal
  );
}

/** Rows of buckets allocated up front: row r holds buckets of 2^r elements, so 64 rows never fill. */
const MAX_ROWS = 64;
const BUCKET_SIZE = Float64Array.from({ length: MAX_ROWS }, (_, row) => 2 ** row);

/**
 * ADWIN2 (Bifet & Gavaldà 2007): an adaptive window over the error stream, kept as an exponential
 * histogram (at most M buckets of each size 1, 2, 4, …, so O(M·log W) memory), cut at its oldest end
 * whenever some split into older W₀ and newer W₁ has means further apart than `adwinCutThreshold`.
 * Defaults and bucket bookkeeping follow river's `drift.ADWIN`; two choices differ, see
 * exporter/docs/detectors.md: every bucket boundary is a candidate cut, and after a change the
 * window keeps W₁ (the paper's behaviour) instead of starting empty.
 */
export class Adwin extends CountingDetector implements DriftDetector {
  readonly method = 'adwin' as const;
  readonly options: Required<AdwinOptions>;
  // Each row is a ring of M + 1 slots at r·stride: entry k (0 = oldest in the row) lives at slot
  // (heads[r] + k) mod stride, so merging and dropping move a head instead of shifting entries.
  // Row 0 holds the newest elements.
  private readonly totals: Float64Array;
  private readonly variances: Float64Array;
  private readonly counts: Int32Array;
  private readonly heads: Int32Array;
  private readonly stride: number;
  private rows = 0;
  private total = 0;
  private varianceSum = 0;
  private elements = 0;
  private tick = 0;

  constructor(options: AdwinOptions = {}) {
    super();
    this.options = { ...ADWIN_DEFAULTS, ...options };
    const { delta, clock, maxBuckets, minWindowLength, gracePeriod } = this.options;
    if (!(delta > 0 && delta < 1))
      throw new RangeError(`Adwin: delta: expected a number in (0, 1), got ${delta}`);
    for (const [field, v, min] of [
      ['clock', clock, 1],
      ['maxBuckets', maxBuckets, 2],
      ['minWindowLength', minWindowLength, 1],
      ['gracePeriod', gracePeriod, 0],
    ] as const)
      if (!Number.isInteger(v) || v < min)
        throw new RangeError(`Adwin: ${field}: expected an integer ≥ ${min}, got ${v}`);
    this.stride = maxBuckets + 1;
    this.totals = new Float64Array(MAX_ROWS * this.stride);
    this.variances = new Float64Array(MAX_ROWS * this.stride);
    this.counts = new Int32Array(MAX_ROWS);
    this.heads = new Int32Array(MAX_ROWS);
  }

  update(error: number, timeMs: number): boolean {
    // A non-finite error would poison the window's sums for good: it is ignored, not counted.
    if (!(error > -Infinity && error < Infinity)) return false; // also NaN; cheaper than Number.isFinite under jest
    this.count++;
    this.insert(error);
    this.tick++;
    if (this.tick % this.options.clock !== 0 || this.elements <= this.options.gracePeriod) return false;
    if (!this.shrink()) return false;
    this.detectedAt(timeMs);
    return true;
  }

  /** Elements in the adaptive window W. */
  get width(): number {
    return this.elements;
  }

  /** Mean error over W: the current error rate, once the window has adapted. */
  get estimation(): number {
    return this.elements === 0 ? 0 : this.total / this.elements;
  }

  /** Population variance of the errors in W. */
  get variance(): number {
    return this.elements === 0 ? 0 : this.varianceSum / this.elements;
  }

  /** Buckets held, all rows together: at most (M + 1)·⌈log₂(W)⌉. */
  get buckets(): number {
    let b = 0;
    for (let r = 0; r < this.rows; r++) b += this.counts[r];
    return b;
  }

  reset(): void {
    this.counts.fill(0);
    this.heads.fill(0);
    this.rows = 0;
    this.total = 0;
    this.varianceSum = 0;
    this.elements = 0;
    this.tick = 0;
    this.resetCounts();
  }

  private insert(value: number): void {
    if (this.rows === 0) this.rows = 1;
    this.append(0, value, 0);
    // Welford-style update of the window's sum of squared deviations.
    if (this.elements > 0) {
      const d = value - this.total / this.elements;
      this.varianceSum += (this.elements * d * d) / (this.elements + 1);
    }
    this.elements++;
    this.total += value;
    this.compress();
  }

  /** Index in `totals` and `variances` of entry k of `row`. */
  private slot(row: number, k: number): number {
    const i = this.heads[row] + k;
    return row * this.stride + (i >= this.stride ? i - this.stride : i);
  }

  private append(row: number, total: number, variance: number): void {
    const i = this.slot(row, this.counts[row]);
    this.totals[i] = total;
    this.variances[i] = variance;
    this.counts[row]++;
  }

  // A row that reaches M + 1 buckets merges its two oldest into one bucket of the next row.
  private compress(): void {
    const m = this.options.maxBuckets;
    for (let row = 0; row < this.rows && this.counts[row] > m; row++) {
      if (row + 1 === this.rows) {
        if (this.rows === MAX_ROWS) return; // 2^64 elements: unreachable
        this.rows++;
      }
      const size = BUCKET_SIZE[row];
      const first = this.slot(row, 0);
      const second = this.slot(row, 1);
      const t0 = this.totals[first];
      const t1 = this.totals[second];
      const d = t0 / size - t1 / size;
      const v = this.variances[first] + this.variances[second] + (size * size * d * d) / (2 * size);
      this.append(row + 1, t0 + t1, v);
      this.dropOldest(row, 2);
    }
  }

  private dropOldest(row: number, n: number): void {
    const head = this.heads[row] + n;
    this.heads[row] = head >= this.stride ? head - this.stride : head;
    this.counts[row] -= n;
  }

  // Removes the oldest bucket while some cut separates means further than ε_cut; true if any went.
  private shrink(): boolean {
    const { delta, minWindowLength } = this.options;
    let cut = false;
    for (let again = true; again;) {
      again = false;
      let n0 = 0;
      let u0 = 0;
      const variance = this.varianceSum / this.elements;
      const lnTwoOverDeltaPrime = Math.log((2 * Math.log(this.elements)) / delta);
      // Walk the buckets from the oldest; the cut after a bucket puts it and all older ones in W₀.
      scan: for (let row = this.rows - 1; row >= 0; row--) {
        const size = BUCKET_SIZE[row];
        for (let k = 0; k < this.counts[row]; k++) {
          n0 += size;
          u0 += this.totals[this.slot(row, k)];
          const n1 = this.elements - n0;
          if (n1 < minWindowLength) break scan;
          if (n0 < minWindowLength) continue;
          const diff = u0 / n0 - (this.total - u0) / n1;
          if (Math.abs(diff) > cutThreshold(n0, n1, variance, lnTwoOverDeltaPrime, minWindowLength)) {
            this.removeOldestBucket();
            cut = again = true;
            break scan;
          }
        }
      }
    }
    return cut;
  }

  private removeOldestBucket(): void {
    const row = this.rows - 1;
    const oldest = this.slot(row, 0);
    const size = BUCKET_SIZE[row];
    const t = this.totals[oldest];
    const v = this.variances[oldest];
    this.elements -= size;
    this.total -= t;
    // Take the bucket's share out of the sum of squared deviations (the merge formula backwards).
    const d = t / size - this.total / this.elements;
    this.varianceSum -= v + (size * this.elements * d * d) / (size + this.elements);
    this.dropOldest(row, 1);
    if (this.counts[row] === 0) {
      this.heads[row] = 0;
      this.rows--;
    }
  }
}
