import type { Rng } from '../random/rng';
import type { TrafficConfig } from './config';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/**
 * Arrival times of ordinary requests. Each gap is exponential with the rate at the current moment,
 * a piecewise-constant approximation of the non-homogeneous Poisson process that is exact enough at
 * the lab's rates (many requests per minute, a curve that moves over hours).
 */
export class TrafficProcess {
  private time: number;
  private burstStart: number;
  private curveMinute = NaN;
  private curveRate = 0;
  private readonly twoPiOver24 = (2 * Math.PI) / 24;

  constructor(
    private readonly config: TrafficConfig,
    private readonly arrivals: Rng,
    private readonly bursts: Rng,
    startTime: number,
  ) {
    this.time = startTime;
    this.burstStart = -Infinity;
    this.scheduleBurstAfter(startTime);
  }

  /**
   * Requests per second at `time` (epoch milliseconds). The daily curve is evaluated once per
   * simulated minute: it moves over hours, and a cosine per request was a measurable cost.
   */
  rateAt(time: number): number {
    const minute = Math.floor(time / 60_000);
    if (minute !== this.curveMinute) {
      const { rate, daily } = this.config;
      const hour = ((((minute * 60_000) % DAY_MS) + DAY_MS) % DAY_MS) / HOUR_MS;
      this.curveMinute = minute;
      this.curveRate = rate * (1 + daily.amplitude * Math.cos(this.twoPiOver24 * (hour - daily.peakHour)));
    }
    const r = this.inBurst(time) ? this.curveRate * this.config.bursts.multiplier : this.curveRate;
    return r > 0 ? r : 0;
  }

  /** Whether a burst is under way at `time`. */
  inBurst(time: number): boolean {
    return time >= this.burstStart && time < this.burstStart + this.config.bursts.duration;
  }

  /** The time of the next request. */
  next(): number {
    if (this.time >= this.burstStart + this.config.bursts.duration) this.scheduleBurstAfter(this.time);
    const r = this.rateAt(this.time);
    // A zero rate (amplitude 1 at the trough) would stall; step a minute on instead.
    this.time += r > 0 ? (this.arrivals.exponential() * 1000) / r : 60_000;
    return this.time;
  }

  private scheduleBurstAfter(time: number): void {
    const { perDay } = this.config.bursts;
    if (perDay <= 0) {
      this.burstStart = Infinity;
      return;
    }
    let start = this.burstStart === -Infinity ? time : this.burstStart;
    do start += (this.bursts.exponential() * DAY_MS) / perDay;
    while (start + this.config.bursts.duration <= time);
    this.burstStart = start;
  }
}
