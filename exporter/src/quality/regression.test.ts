import { regressionQuality } from './regression';
import { expectClose, loadSklearnFixtures } from './testing';

describe('regressionQuality', () => {
  it.each(loadSklearnFixtures().regression.map((c) => [c.name, c] as const))(
    'matches sklearn: %s',
    (_n, c) => {
      const q = regressionQuality(c);
      expect(q.count).toBe(c.labels.length);
      for (const key of ['mae', 'rmse', 'mape'] as const)
        expectClose(q[key], c.expected[key], `${c.name}: ${key}`);
    },
  );

  it('computes a small window by hand', () => {
    // errors 1, −2, 0.5 on labels 4, 10, 0.5: MAE 3.5/3, RMSE √(5.25/3), MAPE (.25 + .2 + 1)/3.
    const q = regressionQuality({ values: [5, 8, 1], labels: [4, 10, 0.5] });
    expect(q.mae).toBeCloseTo(3.5 / 3, 15);
    expect(q.rmse).toBeCloseTo(Math.sqrt(5.25 / 3), 15);
    expect(q.mape).toBeCloseTo(1.45 / 3, 15);
  });

  it('gives NaN for an empty window and refuses columns of different lengths', () => {
    expect(regressionQuality({ values: [], labels: [] })).toEqual({
      count: 0,
      mae: NaN,
      rmse: NaN,
      mape: NaN,
    });
    expect(() => regressionQuality({ values: [1, 2], labels: [1] })).toThrow(/1 labels but 2 values/);
  });
});
