import { FieldType } from '@grafana/data';

import { annotationFrames, driftFrames, FIXTURE_END } from '../fixtures/frames';
import { featureKey, parseFrames } from './frames';
import { scoreProblem, severity } from './severity';
import { buildTimeline, cellDetail, estimateStep, readAnnotations } from './timeline';
import { MIN, score, T0 } from './testFrames';

const rowsOf = (...features: string[]) =>
  features.map((f) => ({ key: featureKey('credit', f), model: 'credit', feature: f }));

describe('buildTimeline', () => {
  it('puts one point per column when the plot is wide enough', () => {
    const data = parseFrames([score('age', 'psi', [0.05, 0.1, 0.2, 0.4])]);
    const t = buildTimeline(data, rowsOf('age'), {
      method: 'auto',
      colorBy: 'severity',
      from: T0,
      to: T0 + 3 * MIN,
      maxColumns: 100,
    });
    expect(t.columns).toBe(4);
    expect(t.cellMs).toBe(MIN);
    expect(Array.from(t.values)).toEqual([0.5, 1, 2, 4].map((v) => expect.closeTo(v, 10)));
    expect(t.instant).toBe(false);
  });

  it('merges whole steps into a column when points outnumber pixels, keeping the most severe', () => {
    const data = parseFrames([score('age', 'psi', [0.01, 0.3, 0.02, 0.02, 0.05, 0.01])]);
    const t = buildTimeline(data, rowsOf('age'), {
      method: 'auto',
      colorBy: 'severity',
      from: T0,
      to: T0 + 5 * MIN,
      maxColumns: 3,
    });
    expect(t.columns).toBe(3);
    expect(t.cellMs).toBe(2 * MIN);
    expect(Array.from(t.values).map((v) => Number(v.toFixed(2)))).toEqual([3, 0.2, 0.5]);
  });

  it('picks the most severe method per cell, and can colour the raw score of that method', () => {
    const data = parseFrames([score('age', 'ks', [0.5, 0.001]), score('age', 'psi', [0.5, 0.05])]);
    const options = { method: 'auto' as const, from: T0, to: T0 + MIN, maxColumns: 10 };
    const bySeverity = buildTimeline(data, rowsOf('age'), { ...options, colorBy: 'severity' });
    expect(bySeverity.values[0]).toBeCloseTo(5); // psi 0.5 / 0.1
    expect(bySeverity.values[1]).toBeCloseTo(Math.log(0.001) / Math.log(0.05));
    const byScore = buildTimeline(data, rowsOf('age'), { ...options, colorBy: 'score' });
    expect(Array.from(byScore.values)).toEqual([0.5, 0.001]);
    expect(cellDetail(bySeverity, 0, 1)).toMatchObject({ method: 'ks', score: 0.001, threshold: '0.05' });
  });

  it('filters by method, leaves gaps as NaN and skips invalid points', () => {
    const data = parseFrames([score('age', 'psi', [0.1, NaN, 0.3]), score('age', 'ks', [0.001, 0.001, 0.001])]);
    const t = buildTimeline(data, rowsOf('age', 'missing'), {
      method: 'psi',
      colorBy: 'severity',
      from: T0,
      to: T0 + 2 * MIN,
      maxColumns: 10,
    });
    expect(t.columns).toBe(3);
    expect(Number.isNaN(t.values[1])).toBe(true);
    expect(Array.from(t.values.slice(3)).every(Number.isNaN)).toBe(true);
  });

  it('falls back to the data extent when the range is unusable, and spreads instant queries', () => {
    const data = parseFrames([score('age', 'psi', [0.3])]);
    const t = buildTimeline(data, rowsOf('age'), {
      method: 'auto',
      colorBy: 'severity',
      from: 0,
      to: 0,
      maxColumns: 10,
    });
    expect(t.instant).toBe(true);
    expect(t.columns).toBe(1);
    expect(t.values[0]).toBeCloseTo(3);
  });

  // Speed is measured in Chromium by `npm run bench`, not asserted here (shared CI cores).
  it('handles 100 features × 1000 points', () => {
    const frames = Array.from({ length: 100 }, (_, f) =>
      score(
        `f${f}`,
        'psi',
        Array.from({ length: 1000 }, (_, i) => (i % 10) / 20)
      )
    );
    const data = parseFrames(frames);
    const t = buildTimeline(data, rowsOf(...Array.from({ length: 100 }, (_, f) => `f${f}`)), {
      method: 'auto',
      colorBy: 'severity',
      from: T0,
      to: T0 + 999 * MIN,
      maxColumns: 400,
    });
    expect(t.columns).toBe(334);
    expect(Array.from(t.values).some(Number.isNaN)).toBe(false);
  });

  it('agrees with severity() and scoreProblem() point by point (the loop inlines them)', () => {
    const ks = [1, 0.5, 0.05, 1e-9, 0, 1.5, -0.1, NaN, Infinity];
    const psi = [0, 0.05, 0.1, 0.2, 500, -1, NaN, Infinity, 0.3];
    const data = parseFrames([score('a', 'ks', ks), score('b', 'psi', psi)]);
    const t = buildTimeline(data, rowsOf('a', 'b'), {
      method: 'auto',
      colorBy: 'severity',
      from: T0,
      to: T0 + 8 * MIN,
      maxColumns: 100,
    });
    const expected = (method: 'ks' | 'psi', values: number[], threshold: number) =>
      values.map((v) => (scoreProblem(method, v) === undefined ? severity(method, v, threshold) : NaN));
    expect(Array.from(t.values)).toEqual([...expected('ks', ks, 0.05), ...expected('psi', psi, 0.1)]);
  });

  it('estimates the step from the median gap', () => {
    const data = parseFrames([score('age', 'psi', [1, 2, 3, 4])]);
    expect(estimateStep(data.scores)).toBe(MIN);
    expect(estimateStep([])).toBeUndefined();
  });

  it('builds the fixture timeline with the incident in the last part of the range', () => {
    const data = parseFrames(driftFrames({ points: 100 }));
    const t = buildTimeline(data, rowsOf('annual_income', 'age'), {
      method: 'auto',
      colorBy: 'severity',
      from: FIXTURE_END - 99 * MIN,
      to: FIXTURE_END,
      maxColumns: 400,
    });
    // Before the incident a few false alarms (about 3 % of KS tests), after it a clear signal.
    const before = Array.from(t.values.slice(0, 50)).sort((a, b) => a - b);
    expect(before[25]).toBeLessThan(0.5);
    expect(t.columns).toBe(100);
    expect(t.values[99]).toBeGreaterThan(2);
  });
});

describe('readAnnotations', () => {
  it('reads Grafana annotation frames: regions, points, colours, text without HTML', () => {
    const [frame] = annotationFrames();
    frame.fields.find((f) => f.name === 'text')!.values[1] = '<b>credit</b> annual_income';
    const list = readAnnotations([frame], FIXTURE_END - 400 * MIN, FIXTURE_END);
    expect(list).toHaveLength(2);
    expect(list[0]).toMatchObject({ title: 'Tutor: incident window announced', color: 'purple' });
    expect(list[0].timeEnd).toBeGreaterThan(list[0].time);
    expect(list[1]).toMatchObject({ timeEnd: undefined, text: 'credit annual_income', color: 'red' });
  });

  it('drops annotations outside the range and survives odd frames', () => {
    const [frame] = annotationFrames();
    expect(readAnnotations([frame], FIXTURE_END + 1, FIXTURE_END + 2)).toEqual([]);
    expect(
      readAnnotations(
        [
          { length: 1, fields: [{ name: 'time', type: FieldType.time, config: {}, values: ['x'] }] },
          { length: 0, fields: [] },
          null as never,
        ],
        0,
        Infinity
      )
    ).toEqual([]);
    expect(readAnnotations(undefined, 0, 1)).toEqual([]);
  });
});
