import { quantile } from '@driftlab/contracts';
import { LabelledWindow } from '../windows';
import { labelDelay } from './labels';
import { expectClose, loadSklearnFixtures } from './testing';

describe('labelDelay', () => {
  it.each(loadSklearnFixtures().labelDelay.map((c) => [c.name, c] as const))('matches numpy: %s', (_n, c) => {
    const d = labelDelay(c);
    expect(d.count).toBe(c.labelTimesMs.length);
    expectClose(d.meanSeconds, c.expected.meanSeconds, 'mean');
    expectClose(d.p95Seconds, c.expected.p95Seconds, 'p95');
  });

  it('measures a labelled window by hand', () => {
    const w = new LabelledWindow({ kind: 'count', size: 10 });
    // Delays 10 s, 30 s, 20 s: mean 20 s; p95 at position 0.95·2 = 1.9 of (10, 20, 30) = 20 + 0.9·10 = 29.
    for (const [p, l] of [
      [0, 10_000],
      [5_000, 35_000],
      [40_000, 60_000],
    ])
      w.push({ value: 0, score: 0, label: 0, predictionTimeMs: p, labelTimeMs: l });
    const d = labelDelay(w.columns());
    expect(d).toEqual({ count: 3, meanSeconds: 20, p95Seconds: 29 });
    expect(labelDelay({ predictionTimesMs: [], labelTimesMs: [] })).toEqual({
      count: 0,
      meanSeconds: NaN,
      p95Seconds: NaN,
    });
  });

  it('finds the p95 without sorting, to the bit what a sort finds, ties and NaN included', () => {
    let seed = 7;
    const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    for (let trial = 0; trial < 200; trial++) {
      const n = 1 + Math.floor(random() * (trial < 150 ? 40 : 5000));
      const grid = [0, 3, 1000][trial % 3];
      const labelTimesMs = Array.from({ length: n }, () => {
        const u = random();
        return trial === 199 && u < 0.01
          ? NaN
          : 1e6 + Math.round((grid === 0 ? u : Math.round(u * grid) / grid) * 3.6e6);
      });
      const predictionTimesMs = labelTimesMs.map(() => Math.round(random() * 1e6));
      const delays = Float64Array.from(labelTimesMs, (l, i) => (l - predictionTimesMs[i]) / 1000).sort();
      expect(labelDelay({ predictionTimesMs, labelTimesMs }).p95Seconds).toBe(quantile(delays, 0.95));
    }
  });
});
