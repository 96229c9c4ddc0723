import { Adwin, ADWIN_DEFAULTS, adwinCutThreshold } from './adwin';
import { errorStream } from './testing';

/** Event indices at which `adwin` signals on `errors` (event i at time 1000·i ms). */
function detectionsOn(adwin: Adwin, errors: ArrayLike<number>): number[] {
  const at: number[] = [];
  for (let i = 0; i < errors.length; i++) if (adwin.update(errors[i], 1000 * i)) at.push(i);
  return at;
}

/**
 * ADWIN without buckets (every element its own bucket, every split a candidate), written the plain
 * way: while some split W = W₀·W₁ (oldest first) has |mean(W₀) − mean(W₁)| > ε_cut, drop the oldest
 * element. With `maxBuckets` larger than the stream no bucket ever merges, so Adwin must agree.
 */
class PlainAdwin {
  readonly window: number[] = [];
  private tick = 0;

  constructor(private readonly o: typeof ADWIN_DEFAULTS) {}

  update(x: number): boolean {
    this.window.push(x);
    this.tick++;
    if (this.tick % this.o.clock !== 0 || this.window.length <= this.o.gracePeriod) return false;
    let detected = false;
    for (let cut = true; cut;) {
      cut = false;
      const w = this.window;
      const n = w.length;
      const mean = w.reduce((a, b) => a + b, 0) / n;
      const variance = w.reduce((a, b) => a + (b - mean) ** 2, 0) / n;
      let u0 = 0;
      for (let n0 = 1; n0 < n; n0++) {
        u0 += w[n0 - 1];
        const n1 = n - n0;
        if (n0 < this.o.minWindowLength || n1 < this.o.minWindowLength) continue;
        const diff = u0 / n0 - (mean * n - u0) / n1;
        if (Math.abs(diff) > adwinCutThreshold(n0, n1, n, variance, this.o.delta, this.o.minWindowLength)) {
          w.shift();
          cut = detected = true;
          break;
        }
      }
    }
    return detected;
  }
}

describe('adwinCutThreshold', () => {
  it("is Bifet & Gavaldà's ε_cut when min_window_length is 1", () => {
    // n0 = 100, n1 = 300, W = 400, σ² = 0.09, δ = 0.002:
    // δ' = δ / ln W = 0.002 / 5.9914645 = 3.3380820e-4, ln(2/δ') = 8.6980912,
    // 1/m = 1/100 + 1/300 = 0.0133333; √(2/m·σ²·ln(2/δ')) = √0.0208754 = 0.1444833,
    // 2/(3m)·ln(2/δ') = 0.0773164; ε_cut = 0.2217996.
    expect(adwinCutThreshold(100, 300, 400, 0.09, 0.002, 1)).toBeCloseTo(0.2217996479, 9);
    const paper = (n0: number, n1: number, w: number, variance: number, delta: number) => {
      const m = 1 / (1 / n0 + 1 / n1);
      const deltaPrime = delta / Math.log(w);
      const l = Math.log(2 / deltaPrime);
      return Math.sqrt((2 / m) * variance * l) + (2 / (3 * m)) * l;
    };
    for (const [n0, n1, w, v, d] of [
      [5, 5, 10, 0.25, 0.002],
      [1000, 24, 1024, 0.01, 0.1],
      [64, 100_000, 100_064, 0.2, 1e-6],
    ])
      expect(adwinCutThreshold(n0, n1, w, v, d, 1)).toBeCloseTo(paper(n0, n1, w, v, d), 12);
  });

  it("shrinks both sides by min_window_length − 1, as MOA's and river's ADWIN do", () => {
    // 1/m = 1/96 + 1/296 = 0.0137950 with ℓ = 5: ε_cut = 0.2269573.
    expect(adwinCutThreshold(100, 300, 400, 0.09, 0.002, 5)).toBeCloseTo(0.2269573095, 9);
  });
});

describe('Adwin', () => {
  it("has river's defaults", () => {
    expect(new Adwin().options).toEqual({
      delta: 0.002,
      clock: 32,
      maxBuckets: 5,
      minWindowLength: 5,
      gracePeriod: 10,
    });
  });

  it('cuts exactly where the plain algorithm does when no bucket merges', () => {
    const options = { ...ADWIN_DEFAULTS, clock: 1, maxBuckets: 5000 };
    const errors = errorStream(7, 1200, 0.1, 0.6, 600);
    const adwin = new Adwin(options);
    const plain = new PlainAdwin(options);
    const disagreements: string[] = [];
    for (let i = 0; i < errors.length; i++) {
      const [a, b] = [adwin.update(errors[i], i), plain.update(errors[i])];
      if (a !== b || adwin.width !== plain.window.length)
        disagreements.push(`event ${i}: ${a}/${b}, width ${adwin.width}/${plain.window.length}`);
    }
    expect(disagreements).toEqual([]);
    expect(adwin.detections).toBeGreaterThan(0);
    // The 600 events since the change, and the last few before it that no cut can tell apart.
    expect(adwin.width).toBeGreaterThanOrEqual(600);
    expect(adwin.width).toBeLessThan(700);
    expect(adwin.estimation).toBeCloseTo(plain.window.reduce((a, b) => a + b, 0) / plain.window.length, 12);
  });

  it('stays quiet on a long stationary stream, its memory logarithmic', () => {
    for (const rate of [0.1, 0.3]) {
      const adwin = new Adwin();
      expect(detectionsOn(adwin, errorStream(8, 300_000, rate))).toEqual([]);
      expect(adwin.width).toBe(300_000);
      expect(adwin.estimation).toBeCloseTo(rate, 2);
      // At most M + 1 buckets of each size 1, 2, 4, …, 2^⌊log₂ W⌋.
      expect(adwin.buckets).toBeLessThanOrEqual(6 * Math.ceil(Math.log2(300_000)));
    }
  });

  it('detects an abrupt rise of the error rate from 0.1 to 0.4 within 256 events and drops the old data', () => {
    for (const seed of [9, 10, 11]) {
      const changeAt = 50_000;
      const errors = errorStream(seed, changeAt + 3_000, 0.1, 0.4, changeAt);
      const adwin = new Adwin();
      let widthBefore = 0;
      const at: number[] = [];
      for (let i = 0; i < errors.length; i++) {
        if (adwin.update(errors[i], 1000 * i)) at.push(i);
        if (i === changeAt - 1) widthBefore = adwin.width;
      }
      expect(widthBefore).toBe(changeAt);
      expect(at[0]).toBeGreaterThanOrEqual(changeAt);
      expect(at[0] - changeAt).toBeLessThan(256); // measured 79 with these seeds: three clock ticks
      // The window now holds (about) the 3,000 events since the change, and their error rate.
      expect(adwin.width).toBeLessThanOrEqual(3_000 + 2_048);
      expect(adwin.width).toBeGreaterThan(2_000);
      expect(adwin.estimation).toBeGreaterThan(0.35);
      expect(adwin.detections).toBe(at.length);
      expect(adwin.lastDetectionMs).toBe(1000 * at[at.length - 1]);
    }
  });

  it('takes real-valued errors, e.g. absolute errors of a regressor', () => {
    const adwin = new Adwin();
    let first = -1;
    for (let i = 0; i < 20_000 && first < 0; i++) {
      const error = Math.abs(Math.sin(i * 12.9898) * 43758.5453) % 1; // spread on [0, 1)
      if (adwin.update(i < 10_000 ? error : 1.5 * error, i)) first = i;
    }
    expect(first).toBeGreaterThanOrEqual(10_000);
    expect(first - 10_000).toBeLessThan(512);
  });

  it('ignores non-finite errors and forgets everything on reset', () => {
    const adwin = new Adwin({ clock: 1 });
    expect(adwin.update(Infinity, 0)).toBe(false);
    expect(adwin.updates).toBe(0);
    detectionsOn(adwin, errorStream(12, 2_000, 0, 1, 1_000));
    expect(adwin.detections).toBeGreaterThan(0);
    adwin.reset();
    expect([adwin.updates, adwin.detections, adwin.lastDetectionMs, adwin.width, adwin.buckets]).toEqual([
      0,
      0,
      null,
      0,
      0,
    ]);
  });

  it('names the bad option', () => {
    expect(() => new Adwin({ delta: 0 })).toThrow('Adwin: delta: expected a number in (0, 1), got 0');
    expect(() => new Adwin({ clock: 0 })).toThrow('Adwin: clock: expected an integer ≥ 1, got 0');
    expect(() => new Adwin({ maxBuckets: 1 })).toThrow(/maxBuckets: expected an integer ≥ 2/);
  });
});
