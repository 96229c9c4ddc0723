import type { LabelledEvent, PredictionEvent } from './events';
import { LabelledWindow } from './labelled-window';
import { ModelWindows } from './model-windows';
import { PredictionWindow } from './prediction-window';
import { DEFAULT_WINDOWS } from './spec';

describe('ModelWindows', () => {
  const specs = [
    { kind: 'count', size: 2 },
    { kind: 'time', spanSeconds: 60, capacity: 100 },
  ] as const;

  it('feeds every prediction to every prediction window and every label to every labelled window', () => {
    const windows = new ModelWindows(specs);
    expect(windows.predictions.map((w) => w.name)).toEqual(['last_2', 'last_60s']);
    expect(windows.labelled.map((w) => w.name)).toEqual(['last_2', 'last_60s']);
    // One record per stream, reused for every call, as the ingest side would.
    const p: PredictionEvent = { value: 0, score: 0, timeMs: 0 };
    const l: LabelledEvent = { value: 0, score: 0, label: 0, predictionTimeMs: 0, labelTimeMs: 0 };
    for (let i = 0; i < 3; i++) {
      p.value = i % 2;
      p.score = 0.1 + 0.4 * i;
      p.timeMs = 1000 * i;
      windows.pushPrediction(p);
    }
    expect(Array.from(windows.predictions[0].columns().timesMs)).toEqual([1000, 2000]);
    expect(Array.from(windows.predictions[1].columns().timesMs)).toEqual([0, 1000, 2000]);
    Object.assign(l, { value: 0, score: 0.1, label: 1, predictionTimeMs: 0, labelTimeMs: 5000 });
    windows.pushLabelled(l);
    Object.assign(l, { value: 0, score: 0.9, label: 0, predictionTimeMs: 2000, labelTimeMs: 6000 });
    windows.pushLabelled(l);
    Object.assign(l, { label: 1, labelTimeMs: 7000 });
    windows.pushLabelled(l);
    expect(Array.from(windows.labelled[0].columns().labels)).toEqual([0, 1]);
    expect(Array.from(windows.labelled[1].columns().labels)).toEqual([1, 0, 1]);
  });

  it('advances and clears every window', () => {
    const windows = new ModelWindows(specs);
    windows.pushPrediction({ value: 1, score: 0.7, timeMs: 0 });
    windows.pushLabelled({
      value: 1,
      score: 0.7,
      label: 1,
      predictionTimeMs: 0,
      labelTimeMs: 1000,
    });
    windows.advance(61_000);
    expect(windows.predictions.map((w) => w.size)).toEqual([1, 0]);
    expect(windows.labelled.map((w) => w.size)).toEqual([1, 0]);
    windows.clear();
    expect(windows.predictions[0].size + windows.labelled[0].size).toBe(0);
    windows.pushPrediction({ value: 1, score: 0.7, timeMs: 0 });
    expect(windows.predictions.map((w) => w.size)).toEqual([1, 1]);
  });

  it('uses the default windows unless told otherwise, and refuses two windows of the same name', () => {
    expect(new ModelWindows().labelled.map((w) => w.spec)).toEqual(DEFAULT_WINDOWS);
    expect(() => new ModelWindows([specs[0], { kind: 'count', size: 2 }])).toThrow(
      'windows[1]: expected a window not listed before, got last_2 again',
    );
    expect(() => new ModelWindows([{ kind: 'count', size: -5 }])).toThrow(/^windows\[0\]\.size: /);
  });
});

describe('ModelWindows sharing one ring per stream', () => {
  it('gives every window what a window of its own would hold, and refuses pushes past it', () => {
    const specs = [
      { kind: 'count', size: 3 },
      { kind: 'time', spanSeconds: 10, capacity: 5 },
    ] as const;
    const windows = new ModelWindows(specs);
    const alone = specs.map((spec) => new PredictionWindow(spec));
    const aloneLabelled = specs.map((spec) => new LabelledWindow(spec));
    for (let i = 0; i < 12; i++) {
      const p = { value: i % 2, score: i / 12, timeMs: 2000 * i };
      windows.pushPrediction(p);
      alone.forEach((w) => w.push(p));
      if (i % 3 === 2) {
        const l = { ...p, label: 1, predictionTimeMs: p.timeMs - 2000, labelTimeMs: p.timeMs };
        windows.pushLabelled(l);
        aloneLabelled.forEach((w) => w.push(l));
      }
    }
    windows.advance(30_000);
    alone.forEach((w) => w.advance(30_000));
    aloneLabelled.forEach((w) => w.advance(30_000));
    windows.predictions.forEach((w, k) => {
      expect(w.columns()).toEqual(alone[k].columns());
      expect([w.size, w.droppedAtCapacity]).toEqual([alone[k].size, alone[k].droppedAtCapacity]);
    });
    windows.labelled.forEach((w, k) => expect(w.columns()).toEqual(aloneLabelled[k].columns()));
    expect(() => windows.predictions[0].push({ value: 1, score: 1, timeMs: 0 })).toThrow(/ModelWindows/);
    expect(() =>
      windows.labelled[1].push({
        value: 1,
        score: 1,
        label: 1,
        predictionTimeMs: 0,
        labelTimeMs: 0,
      }),
    ).toThrow(/ModelWindows/);
    const generation = windows.predictions[1].generation;
    windows.clear();
    expect(windows.predictions[1].generation).toBeGreaterThan(generation);
  });
});
