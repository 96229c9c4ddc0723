import { estimateClassification } from './cbpe';
import { fitIsotonic } from './isotonic';
import { classificationQuality } from './classification';
import { expectClose, loadSklearnFixtures } from './testing';
import { mulberry32 } from '../testing/random';

describe('estimateClassification', () => {
  it.each(loadSklearnFixtures().cbpe.map((c) => [c.name, c] as const))(
    'matches numpy with sklearn’s isotonic calibrator: %s',
    (_n, c) => {
      const calibration = fitIsotonic(c.referenceScores, c.referenceLabels);
      const e = estimateClassification(c, calibration);
      for (const key of ['accuracy', 'precision', 'recall', 'f1'] as const)
        expectClose(e[key], c.expected[key], `${c.name}: ${key}`);
      expectClose(estimateClassification(c).accuracy, c.expected.uncalibratedAccuracy, `${c.name}: raw`);
    },
  );

  it('computes expected counts by hand', () => {
    // ŷ 1 1 0 with p .9 .6 .3: right with probability .9, .6, .7 → accuracy 2.2/3.
    // TP = .9 + .6 = 1.5, FP = .1 + .4 = .5, FN = .3: precision .75, recall 1.5/1.8, F1 3/3.8.
    const e = estimateClassification({ values: [1, 1, 0], scores: [0.9, 0.6, 0.3] });
    expect(e.count).toBe(3);
    expect(e.accuracy).toBeCloseTo(2.2 / 3, 15);
    expect(e.precision).toBeCloseTo(0.75, 15);
    expect(e.recall).toBeCloseTo(1.5 / 1.8, 15);
    expect(e.f1).toBeCloseTo(3 / 3.8, 15);
    expect(estimateClassification({ values: [], scores: [] }).accuracy).toBeNaN();
  });

  // The teaching point, on a toy world: P(y = 1 | x) = x, the model's score is x itself.
  describe('under drift', () => {
    const next = mulberry32(42);
    const world = (n: number, drawX: () => number, truth: (x: number) => number) => {
      const scores = new Float64Array(n);
      const values = new Float64Array(n);
      const labels = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const x = drawX();
        scores[i] = x;
        values[i] = x > 0.5 ? 1 : 0;
        labels[i] = next() < truth(x) ? 1 : 0;
      }
      return { scores, values, labels };
    };
    const n = 20_000;
    const reference = world(n, next, (x) => x);
    const calibration = fitIsotonic(reference.scores, reference.labels);

    it('follows covariate shift before any label arrives', () => {
      // Inputs move towards the boundary, where the model is unsure: accuracy really falls.
      const shifted = world(
        n,
        () => 0.35 + 0.3 * next(),
        (x) => x,
      );
      const estimated = estimateClassification(shifted, calibration).accuracy;
      const actual = classificationQuality(shifted).accuracy;
      expect(estimateClassification(reference, calibration).accuracy).toBeGreaterThan(0.72);
      expect(actual).toBeLessThan(0.6);
      expect(Math.abs(estimated - actual)).toBeLessThan(0.02);
    });

    it('misses pure concept drift', () => {
      // Same inputs, the truth turned around: the model is now mostly wrong, the estimate is unmoved.
      const flipped = world(n, next, (x) => 1 - x);
      const estimated = estimateClassification(flipped, calibration).accuracy;
      const actual = classificationQuality(flipped).accuracy;
      expect(actual).toBeLessThan(0.3);
      expect(Math.abs(estimated - estimateClassification(reference, calibration).accuracy)).toBeLessThan(
        0.02,
      );
    });
  });
});
