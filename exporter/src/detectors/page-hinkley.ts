import { CountingDetector, type DriftDetector } from './detector';

export interface PageHinkleyOptions {
  /** Updates before a change may be signalled (default 30). */
  readonly minInstances?: number;
  /** Magnitude of change tolerated, in the stream's unit (default 0.005). */
  readonly delta?: number;
  /** λ: how far the statistic must rise above its minimum to signal (default 50). */
  readonly threshold?: number;
  /** Forgetting factor of the cumulative sum (default 1 − 0.0001). */
  readonly alpha?: number;
}

export const PAGE_HINKLEY_DEFAULTS: Required<PageHinkleyOptions> = {
  minInstances: 30,
  delta: 0.005,
  threshold: 50,
  alpha: 1 - 0.0001,
};

/**
 * Settings for 0/1 error streams: river's defaults false-alarm on them in the long run (about 24 times
 * per million events at a 10 % error rate, measured; α < 1 lets the sum wander while its minimum is
 * kept). With α = 1 and δ = 0.05, half of a 10-point rise in error rate (the CUSUM rule of thumb),
 * none in 10 million events at 10 % or 30 %, and a rise from 10 % to 40 % is caught in about 200 events.
 * See exporter/docs/detectors.md.
 */
export const PAGE_HINKLEY_FOR_ERROR_RATES: Required<PageHinkleyOptions> = {
  minInstances: 30,
  delta: 0.05,
  threshold: 50,
  alpha: 1,
};

/**
 * Page–Hinkley test for an increase of the mean (Page 1954), as river's `drift.PageHinkley` with
 * mode='up': with x̄ₜ the mean of x₁..xₜ,
 *
 *   mₜ = α·mₜ₋₁ + (xₜ − x̄ₜ − δ),   Mₜ = min(m₁..mₜ),   change when t ≥ min_instances and mₜ − Mₜ > λ.
 *
 * After a change everything restarts from the next update (river resets on the update after it).
 */
export class PageHinkley extends CountingDetector implements DriftDetector {
  readonly method = 'page_hinkley' as const;
  readonly options: Required<PageHinkleyOptions>;
  private seen = 0;
  private mean = 0;
  private sum = 0;
  private min = Infinity;

  constructor(options: PageHinkleyOptions = {}) {
    super();
    this.options = { ...PAGE_HINKLEY_DEFAULTS, ...options };
    const { minInstances, delta, threshold, alpha } = this.options;
    if (!Number.isInteger(minInstances) || minInstances < 1)
      throw new RangeError(`PageHinkley: minInstances: expected a positive integer, got ${minInstances}`);
    if (!(delta >= 0) || !Number.isFinite(delta))
      throw new RangeError(`PageHinkley: delta: expected a finite number ≥ 0, got ${delta}`);
    if (!(threshold > 0) || !Number.isFinite(threshold))
      throw new RangeError(`PageHinkley: threshold: expected a positive number, got ${threshold}`);
    if (!(alpha > 0 && alpha <= 1))
      throw new RangeError(`PageHinkley: alpha: expected a number in (0, 1], got ${alpha}`);
  }

  update(error: number, timeMs: number): boolean {
    // A non-finite error would poison the mean for good: it is ignored, not counted.
    if (!(error > -Infinity && error < Infinity)) return false; // also NaN; cheaper than Number.isFinite under jest
    this.count++;
    this.seen++;
    this.mean += (error - this.mean) / this.seen;
    this.sum = this.options.alpha * this.sum + (error - this.mean - this.options.delta);
    if (this.sum < this.min) this.min = this.sum;
    if (this.seen < this.options.minInstances || !(this.sum - this.min > this.options.threshold))
      return false;
    this.detectedAt(timeMs);
    this.restart();
    return true;
  }

  /** mₜ − Mₜ, the statistic compared with the threshold (0 right after a change). */
  get statistic(): number {
    return this.seen === 0 ? 0 : this.sum - this.min;
  }

  /** Mean of the errors since the start or the last change. */
  get errorMean(): number {
    return this.mean;
  }

  reset(): void {
    this.restart();
    this.resetCounts();
  }

  private restart(): void {
    this.seen = 0;
    this.mean = 0;
    this.sum = 0;
    this.min = Infinity;
  }
}
