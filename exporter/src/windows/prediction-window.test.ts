import { PredictionWindow } from './prediction-window';

describe('PredictionWindow', () => {
  it('hands out tickets in push order and marks labels that arrive while held', () => {
    const w = new PredictionWindow({ kind: 'count', size: 3 });
    const e = { value: 1, score: 0.8, timeMs: 0 };
    const tickets = [0, 1, 2, 3].map((i) => w.push({ ...e, timeMs: i * 1000 }));
    expect(tickets).toEqual([0, 1, 2, 3]);
    expect(w.markLabelled(0)).toBe(false); // already pushed out
    expect(w.markLabelled(2)).toBe(true);
    expect(w.markLabelled(3)).toBe(true);
    expect(w.markLabelled(4)).toBe(false); // not pushed yet
    expect(w.columns()).toEqual({
      values: Float64Array.of(1, 1, 1),
      scores: Float64Array.of(0.8, 0.8, 0.8),
      timesMs: Float64Array.of(1000, 2000, 3000),
      labelled: Uint8Array.of(0, 1, 1),
    });
  });

  it('clears the label mark of a slot when a new prediction overwrites it', () => {
    const w = new PredictionWindow({ kind: 'count', size: 2 });
    const e = { value: 0, score: 0.1, timeMs: 0 };
    w.markLabelled(w.push(e));
    w.markLabelled(w.push(e));
    w.push(e); // overwrites ticket 0's slot
    expect(Array.from(w.columns().labelled)).toEqual([1, 0]);
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
