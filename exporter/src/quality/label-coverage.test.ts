import { regularizedGammaP } from '../drift';
import { DEFAULT_LABEL_COVERAGE, LabelCoverage, MIN_COVERAGE_SAMPLE } from './label-coverage';

const MINUTE = 60_000;
const T0 = Date.UTC(2026, 0, 5);

/** The standard normal CDF, by erf(x) = P(1/2, x²) (the regularized incomplete gamma function). */
function phi(z: number): number {
  return 0.5 * (1 + Math.sign(z) * regularizedGammaP(0.5, (z * z) / 2));
}

/** z with phi(z) = p, by bisection: the delay quantiles below. */
function normalQuantileByBisection(p: number): number {
  let lo = -10;
  let hi = 10;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (phi(mid) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

describe('LabelCoverage', () => {
  it('counts the predictions made between wait + span and wait ago, by whole minutes', () => {
    const c = new LabelCoverage({ waitSeconds: 600, spanSeconds: 300 });
    // One prediction every 0.2 s for an hour; the label of every other one arrives.
    for (let t = 0; t < 60 * MINUTE; t += 200) {
      c.predicted(T0 + t);
      if ((t / 200) % 2 === 0) c.labelArrived(T0 + t);
    }
    // At 60:00 the band is [45:00, 50:00): five minutes of 300 predictions each.
    const at = c.count(T0 + 60 * MINUTE);
    expect(at.predictions).toBe(1500);
    expect(at.labelled).toBe(750);
    expect(at.ratio).toBe(0.5);
    // At 60:30 the band [45:30, 50:30] holds only the whole minutes 46–49.
    expect(c.count(T0 + 60 * MINUTE + 30_000).predictions).toBe(1200);
  });

  it('is not fooled by a burst of young predictions: only the band counts', () => {
    const c = new LabelCoverage(DEFAULT_LABEL_COVERAGE);
    // Two hours at 1/s, every label arriving after exactly 10 minutes; then 15 minutes at 20/s, unlabelled yet.
    for (let t = 0; t < 120 * MINUTE; t += 1000) {
      c.predicted(T0 + t);
      if (t + 10 * MINUTE <= 120 * MINUTE) c.labelArrived(T0 + t);
    }
    for (let t = 120 * MINUTE; t < 135 * MINUTE; t += 50) c.predicted(T0 + t);
    const at = c.count(T0 + 135 * MINUTE);
    // The band is [75, 105) minutes: all labelled, however many predictions came after.
    expect(at.predictions).toBe(30 * 60);
    expect(at.ratio).toBe(1);
  });

  it('says nothing (NaN) until the band holds enough predictions', () => {
    const c = new LabelCoverage({ waitSeconds: 0, spanSeconds: 60 });
    for (let i = 0; i < MIN_COVERAGE_SAMPLE - 1; i++) c.predicted(T0 + 10);
    expect(c.count(T0 + MINUTE).ratio).toBeNaN();
    c.predicted(T0 + 20);
    expect(c.count(T0 + MINUTE)).toEqual({ predictions: MIN_COVERAGE_SAMPLE, labelled: 0, ratio: 0 });
  });

  it('forgets minutes the band has left, and ignores labels of predictions it never counted', () => {
    const c = new LabelCoverage({ waitSeconds: 60, spanSeconds: 60 });
    for (let i = 0; i < 300; i++) c.predicted(T0 + 5_000);
    // A day later the slot of that minute counts another minute.
    for (let i = 0; i < 300; i++) c.predicted(T0 + 24 * 60 * MINUTE + 5_000);
    c.labelArrived(T0 + 5_000); // its minute is no longer counted
    c.labelArrived(T0 - 7 * MINUTE); // before anything
    c.labelArrived(NaN);
    c.predicted(Infinity);
    expect(c.count(T0 + 2 * MINUTE)).toEqual({ predictions: 0, labelled: 0, ratio: NaN });
    expect(c.count(T0 + 24 * 60 * MINUTE + 2 * MINUTE)).toEqual({ predictions: 300, labelled: 0, ratio: 0 });
  });

  it('matches the analytic coverage of log-normal label delays (the simulator default: median 30 min, σ 0.6)', () => {
    const c = new LabelCoverage(DEFAULT_LABEL_COVERAGE);
    const median = 30 * MINUTE;
    const sigma = 0.6;
    const delivered = 0.9;
    // A deterministic stand-in for random delays: the delay quantiles of a fine grid, spread over the predictions.
    const quantiles = 997;
    const delays = Array.from(
      { length: quantiles },
      (_, q) => median * Math.exp(sigma * normalQuantileByBisection((q + 0.5) / quantiles)),
    );
    const now = T0 + 180 * MINUTE;
    let k = 0;
    for (let t = 0; t < 180 * MINUTE; t += 250, k++) {
      c.predicted(T0 + t);
      if (k % 10 === 9) continue; // 10 % never arrive
      const delay = delays[(k * 389) % quantiles];
      if (t + delay <= now - T0) c.labelArrived(T0 + t);
    }
    // Expected: delivered × the mean over the band's ages (30 to 60 minutes) of P(delay ≤ age).
    let expected = 0;
    const steps = 1800;
    for (let i = 0; i < steps; i++) {
      const age = 30 * MINUTE + ((i + 0.5) / steps) * 30 * MINUTE;
      expected += phi(Math.log(age / median) / sigma) / steps;
    }
    expected *= delivered;
    const got = c.count(now);
    expect(got.predictions).toBe(30 * 240);
    expect(Math.abs(got.ratio - expected)).toBeLessThan(0.01);
    // Healthy coverage sits far above LabelStarvation's 0.2.
    expect(expected).toBeGreaterThan(0.6);
  });

  it('refuses a band it cannot count, naming the field', () => {
    expect(() => new LabelCoverage({ waitSeconds: -1, spanSeconds: 600 })).toThrow(
      'labelCoverage.waitSeconds: expected a number of seconds, got -1',
    );
    expect(() => new LabelCoverage({ waitSeconds: 0, spanSeconds: 30 })).toThrow(
      'labelCoverage.spanSeconds: expected at least 60 seconds, got 30',
    );
  });
});
