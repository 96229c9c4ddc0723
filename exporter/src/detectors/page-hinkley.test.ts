import { PAGE_HINKLEY_DEFAULTS, PAGE_HINKLEY_FOR_ERROR_RATES, PageHinkley } from './page-hinkley';
import { errorStream } from './testing';

/** Event indices at which `detector` signals on `errors` (event i at time 1000·i ms). */
function detectionsOn(detector: PageHinkley, errors: ArrayLike<number>): number[] {
  const at: number[] = [];
  for (let i = 0; i < errors.length; i++) if (detector.update(errors[i], 1000 * i)) at.push(i);
  return at;
}

describe('PageHinkley', () => {
  it("has river's defaults", () => {
    expect(new PageHinkley().options).toEqual({
      minInstances: 30,
      delta: 0.005,
      threshold: 50,
      alpha: 0.9999,
    });
    expect(PAGE_HINKLEY_DEFAULTS.alpha).toBe(1 - 0.0001);
  });

  it('follows a sequence computed by hand (α = 1)', () => {
    // δ = 0.1, λ = 1, min_instances = 3; x = 0 0 0 1 1 1:
    // t  x  x̄     m = m + x − x̄ − δ        M      m − M
    // 1  0  0      −0.1                      −0.1   0
    // 2  0  0      −0.2                      −0.2   0
    // 3  0  0      −0.3                      −0.3   0
    // 4  1  0.25   −0.3 + 0.65 = 0.35        −0.3   0.65
    // 5  1  0.4    0.35 + 0.5 = 0.85         −0.3   1.15 > 1: change, restart
    // 6  1  1      −0.1                      −0.1   0
    const ph = new PageHinkley({ minInstances: 3, delta: 0.1, threshold: 1, alpha: 1 });
    const seen: [boolean, number][] = [0, 0, 0, 1, 1, 1].map((x, t) => [ph.update(x, 100 * t), ph.statistic]);
    expect(seen.map(([d]) => d)).toEqual([false, false, false, false, true, false]);
    expect(seen[3][1]).toBeCloseTo(0.65, 14);
    expect(seen[4][1]).toBe(0); // restarted
    expect(ph.errorMean).toBe(1);
    expect([ph.updates, ph.detections, ph.lastDetectionMs]).toEqual([6, 1, 400]);
  });

  it('forgets with α, by hand', () => {
    // α = 0.5, δ = 0, λ = 0.5, min_instances = 1; x = 1 0 2:
    // t1: x̄ = 1, m = 0; t2: x̄ = 0.5, m = 0.5·0 − 0.5 = −0.5 = M;
    // t3: x̄ = 1, m = 0.5·(−0.5) + 1 = 0.75, m − M = 1.25 > 0.5: change.
    const ph = new PageHinkley({ minInstances: 1, delta: 0, threshold: 0.5, alpha: 0.5 });
    expect([ph.update(1, 0), ph.update(0, 1), ph.update(2, 2)]).toEqual([false, false, true]);
  });

  it('waits for min_instances before signalling', () => {
    const ph = new PageHinkley({ minInstances: 5, delta: 0, threshold: 0.1, alpha: 1 });
    // 0 0 1 1 1: the statistic passes λ at t = 3, but only t = 5 may signal.
    expect(detectionsOn(ph, [0, 0, 1, 1, 1])).toEqual([4]);
  });

  it("raises false alarms on a long stationary 0/1 stream with river's defaults", () => {
    // Documented behaviour, not a wish: with α < 1 the sum hovers around −δ/(1 − α) = −50 with a
    // spread of about 21 at a 10 % error rate, while the minimum M keeps its lowest dip, so m − M
    // passes λ = 50 now and then (about 24 times per million events; exporter/docs/detectors.md).
    expect(detectionsOn(new PageHinkley(), errorStream(1, 300_000, 0.1)).length).toBeGreaterThan(0);
  });

  it('stays quiet on long stationary streams with the error-rate settings', () => {
    for (const rate of [0.1, 0.3])
      expect(
        detectionsOn(new PageHinkley(PAGE_HINKLEY_FOR_ERROR_RATES), errorStream(2, 500_000, rate)),
      ).toEqual([]);
  });

  it('detects an abrupt rise of the error rate from 0.1 to 0.4 within 400 events', () => {
    for (const seed of [3, 4, 5]) {
      const changeAt = 100_000;
      const errors = errorStream(seed, changeAt + 2_000, 0.1, 0.4, changeAt);
      const ph = new PageHinkley(PAGE_HINKLEY_FOR_ERROR_RATES);
      const at = detectionsOn(ph, errors);
      expect(at.length).toBeGreaterThan(0);
      expect(at[0]).toBeGreaterThanOrEqual(changeAt);
      expect(at[0] - changeAt).toBeLessThan(400);
      expect(ph.lastDetectionMs).toBe(1000 * at[at.length - 1]);
    }
  });

  it('ignores a decrease of the error rate (mode up)', () => {
    const errors = errorStream(6, 100_000, 0.4, 0.05, 50_000);
    expect(detectionsOn(new PageHinkley(PAGE_HINKLEY_FOR_ERROR_RATES), errors)).toEqual([]);
  });

  it('ignores non-finite errors and forgets everything on reset', () => {
    const ph = new PageHinkley({ minInstances: 1, delta: 0, threshold: 0.1, alpha: 1 });
    expect(ph.update(NaN, 0)).toBe(false);
    expect(ph.updates).toBe(0);
    detectionsOn(ph, [0, 1, 1]);
    expect(ph.detections).toBe(1);
    ph.reset();
    expect([ph.updates, ph.detections, ph.lastDetectionMs, ph.statistic]).toEqual([0, 0, null, 0]);
  });

  it('names the bad option', () => {
    expect(() => new PageHinkley({ alpha: 1.5 })).toThrow(
      'PageHinkley: alpha: expected a number in (0, 1], got 1.5',
    );
    expect(() => new PageHinkley({ threshold: 0 })).toThrow(/threshold: expected a positive number/);
    expect(() => new PageHinkley({ minInstances: 0.5 })).toThrow(/minInstances: expected a positive integer/);
    expect(() => new PageHinkley({ delta: -1 })).toThrow(/delta: expected a finite number ≥ 0/);
  });
});
