import type { LabelledEvent } from './events';
import { LabelledWindow } from './labelled-window';

const event = (value: number, score: number, label: number, predictionTimeMs: number, labelTimeMs: number) =>
  ({ value, score, label, predictionTimeMs, labelTimeMs }) satisfies LabelledEvent;

describe('LabelledWindow', () => {
  it('keeps the newest events of a count window column by column, oldest first', () => {
    const w = new LabelledWindow({ kind: 'count', size: 2 });
    expect(w.name).toBe('last_2');
    w.push(event(1, 0.9, 1, 100, 500));
    w.push(event(0, 0.2, 1, 200, 600));
    w.push(event(1, 0.7, 0, 300, 700));
    expect(w.size).toBe(2);
    expect(w.pushed).toBe(3);
    expect(w.columns()).toEqual({
      values: Float64Array.of(0, 1),
      scores: Float64Array.of(0.2, 0.7),
      labels: Float64Array.of(1, 0),
      predictionTimesMs: Float64Array.of(200, 300),
      labelTimesMs: Float64Array.of(600, 700),
    });
  });

  it('expires a time window by label arrival time, not prediction time', () => {
    const w = new LabelledWindow({ kind: 'time', spanSeconds: 10, capacity: 100 });
    w.push(event(1, 0.9, 1, 0, 9_000)); // predicted long ago, labelled recently
    w.push(event(1, 0.9, 1, 8_000, 12_000));
    w.advance(18_500);
    expect(Array.from(w.columns().predictionTimesMs)).toEqual([0, 8_000]);
    w.advance(19_000);
    expect(Array.from(w.columns().predictionTimesMs)).toEqual([8_000]);
  });

  it('copies the event, so one record object can be reused for every push', () => {
    const w = new LabelledWindow({ kind: 'count', size: 3 });
    const e = event(1, 0.8, 1, 1, 2);
    w.push(e);
    e.value = 0;
    e.label = 0;
    w.push(e);
    expect(Array.from(w.columns().values)).toEqual([1, 0]);
    expect(Array.from(w.columns().labels)).toEqual([1, 0]);
  });

  it('counts events dropped at capacity and empties on clear', () => {
    const w = new LabelledWindow({ kind: 'time', spanSeconds: 3600, capacity: 2 });
    for (let i = 0; i < 5; i++) w.push(event(1, 1, 1, i, i));
    expect(w.droppedAtCapacity).toBe(3);
    w.clear();
    expect(w.size).toBe(0);
    expect(w.columns().labels).toHaveLength(0);
  });
});
