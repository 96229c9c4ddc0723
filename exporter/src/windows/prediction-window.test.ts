import { PredictionWindow } from './prediction-window';

describe('PredictionWindow', () => {
  it('keeps the newest predictions of a count window, oldest first', () => {
    const w = new PredictionWindow({ kind: 'count', size: 3 });
    [0, 1, 2, 3].forEach((i) => w.push({ value: i % 2, score: 0.2 * i, timeMs: i * 1000 }));
    expect(w.columns()).toEqual({
      values: Float64Array.of(1, 0, 1),
      scores: Float64Array.of(0.2, 0.4, 0.6000000000000001),
      timesMs: Float64Array.of(1000, 2000, 3000),
    });
  });

  it('expires predictions of a time window by prediction time', () => {
    const w = new PredictionWindow({ kind: 'time', spanSeconds: 60, capacity: 10 });
    w.push({ value: 1, score: 0.6, timeMs: 0 });
    w.push({ value: 0, score: 0.4, timeMs: 30_000 });
    w.advance(75_000);
    expect(Array.from(w.columns().scores)).toEqual([0.4]);
    expect(w.name).toBe('last_60s');
  });
});
