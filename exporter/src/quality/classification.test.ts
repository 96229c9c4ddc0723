import { classificationQuality } from './classification';
import { expectClose, loadSklearnFixtures } from './testing';

describe('classificationQuality', () => {
  const fixtures = loadSklearnFixtures();

  it.each(fixtures.classification.map((c) => [c.name, c] as const))('matches sklearn: %s', (_name, c) => {
    const q = classificationQuality(c);
    expect(q.count).toBe(c.labels.length);
    for (const key of ['accuracy', 'precision', 'recall', 'f1', 'rocAuc', 'logLoss', 'ece'] as const)
      expectClose(q[key], c.expected[key], `${c.name}: ${key}`);
  });

  it('computes a small window by hand', () => {
    // values 1 0 1 1 0, labels 1 0 0 1 1: TP 2, FP 1, FN 1, TN 1.
    // accuracy 3/5; precision 2/3; recall 2/3; F1 2/3.
    // scores .9 .2 .6 .8 .4: positives .9 .8 .4 vs negatives .2 .6 → pairs won 2 + 2 + 1 = 5 of 6.
    const q = classificationQuality({
      values: [1, 0, 1, 1, 0],
      scores: [0.9, 0.2, 0.6, 0.8, 0.4],
      labels: [1, 0, 0, 1, 1],
    });
    expect(q.accuracy).toBe(0.6);
    expect(q.precision).toBeCloseTo(2 / 3, 15);
    expect(q.recall).toBeCloseTo(2 / 3, 15);
    expect(q.f1).toBeCloseTo(2 / 3, 15);
    expect(q.rocAuc).toBeCloseTo(5 / 6, 15);
    expect(q.positiveRate).toBe(0.6);
    expect(q.predictedPositiveRate).toBe(0.6);
    // Log loss: −(ln .9 + ln .8 + ln .8 + ln .4 + ln .4) / 5 = (0.1053605 + 2·0.2231436 + 2·0.9162907)/5.
    expect(q.logLoss).toBeCloseTo((-Math.log(0.9) - 2 * Math.log(0.8) - 2 * Math.log(0.4)) / 5, 14);
    // ECE: confidences .9 .8 .6 .8 .6; bin (.5, .6]: rows 3 (wrong) and 5 (wrong) → |0 − .6|·2/5;
    // (.7, .8]: rows 2 (right), 4 (right) → |1 − .8|·2/5; (.8, .9]: row 1 right → .1·1/5.
    expect(q.ece).toBeCloseTo((2 * 0.6 + 2 * 0.2 + 0.1) / 5, 15);
  });

  it('gives NaN everywhere for an empty window, and NaN ROC AUC with one class', () => {
    const empty = classificationQuality({ values: [], scores: [], labels: [] });
    expect(empty.count).toBe(0);
    for (const v of Object.values(empty).slice(1)) expect(v).toBeNaN();
    expect(classificationQuality({ values: [1, 0], scores: [0.7, 0.2], labels: [1, 1] }).rocAuc).toBeNaN();
  });

  it('refuses columns of different lengths', () => {
    expect(() => classificationQuality({ values: [1], scores: [0.5, 0.5], labels: [1] })).toThrow(
      /1 labels, 1 values and 2 scores/,
    );
  });
});
