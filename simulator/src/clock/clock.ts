/**
 * Simulated time that runs `speed` times faster than real time from `simStart`. With speed 60 an
 * hour of traffic takes a minute; with 1000 a month takes about 43 minutes. Offline runs use no
 * clock at all and go as fast as the machine allows.
 */
export class ScaledClock {
  private realStart: number;

  constructor(
    readonly simStart: number,
    readonly speed: number,
    private readonly realNow: () => number = () => performance.now(),
  ) {
    if (!(speed > 0) || !Number.isFinite(speed))
      throw new RangeError(`speed must be a positive number, got ${speed}`);
    this.realStart = realNow();
  }

  /** The simulated epoch milliseconds now. */
  now(): number {
    return this.simStart + (this.realNow() - this.realStart) * this.speed;
  }

  /**
   * Keeps the clock at most `maxLeadMs` simulated ms ahead of `simTime` (the traffic's own time):
   * when the lab cannot keep its speed, the clock is set back and slows, instead of running away
   * from traffic that then comes in a burst. True when it was set back.
   */
  holdTo(simTime: number, maxLeadMs: number): boolean {
    const lead = this.now() - simTime;
    if (lead <= maxLeadMs) return false;
    this.realStart += lead / this.speed;
    return true;
  }

  /** Real milliseconds to wait until simulated time reaches `simTime` (0 when it already has). */
  realDelayUntil(simTime: number): number {
    return Math.max(0, (simTime - this.now()) / this.speed);
  }
}
