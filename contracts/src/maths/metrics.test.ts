import {
  calibrationBins,
  classificationMetrics,
  expectedCalibrationError,
  logLoss,
  precisionRecallF1,
  regressionMetrics,
  rocAuc,
} from './metrics';

describe('classificationMetrics', () => {
  // labels       1    0    1    1    0    0     1    0
  // P(y = 1)    .9   .2   .4   .8   .6   .55   .7   .3
  // class (>.5)  1    0    0    1    1    1     1    0
  // TP = 3 (#0, #3, #6), FP = 2 (#4, #5), FN = 1 (#2), TN = 2 (#1, #7).
  const labels = [1, 0, 1, 1, 0, 0, 1, 0];
  const probs = [0.9, 0.2, 0.4, 0.8, 0.6, 0.55, 0.7, 0.3];

  it('computes the confusion-matrix metrics by hand', () => {
    const m = classificationMetrics(labels, probs);
    expect(m.task).toBe('classification');
    expect(m.count).toBe(8);
    expect(m.accuracy).toBe(5 / 8); // (TP + TN) / n
    expect(m.precision).toBe(3 / 5); // TP / (TP + FP)
    expect(m.recall).toBe(3 / 4); // TP / (TP + FN)
    expect(m.f1).toBeCloseTo(2 / 3, 12); // 2·0.6·0.75 / (0.6 + 0.75) = 0.9 / 1.35
    expect(m.positiveRate).toBe(0.5);
    // sklearn.metrics gives 0.625, 0.6, 0.75, 0.6666666666666665 for the same inputs.
  });

  it('computes log loss by hand', () => {
    // −(1/8)·[ln .9 + ln .4 + ln .8 + ln .7 (positives) + ln .8 + ln .4 + ln .45 + ln .7 (negatives, 1 − p)]
    // = (0.1053605 + 0.9162907 + 0.2231436 + 0.3566749 + 0.2231436 + 0.9162907 + 0.7985077 + 0.3566749) / 8
    // = 3.8960866 / 8 = 0.4870108; sklearn.metrics.log_loss: 0.4870108332662241.
    expect(logLoss(labels, probs)).toBeCloseTo(0.4870108332662241, 12);
    expect(classificationMetrics(labels, probs).logLoss).toBeCloseTo(0.4870108332662241, 12);
  });

  it('clips probabilities of 0 and 1 at machine epsilon', () => {
    // A confident miss costs −ln(2⁻⁵²) = 36.0436534; the hit costs −ln(1 − 0) = 0.
    // sklearn 1.2: log_loss([1, 0], [0.0, 0.0]) = 18.021826694558577.
    expect(logLoss([1, 0], [0, 0])).toBeCloseTo(18.021826694558577, 9);
  });

  it('gives 0, not NaN, for precision and F1 with no predicted positives (sklearn zero_division)', () => {
    const m = classificationMetrics([1, 0, 0], [0.1, 0.2, 0.3]);
    expect(m.precision).toBe(0);
    expect(m.recall).toBe(0);
    expect(m.f1).toBe(0);
    expect(m.accuracy).toBe(2 / 3);
  });

  it('uses the threshold strictly, like predict_proba > 0.5', () => {
    expect(classificationMetrics([0], [0.5]).accuracy).toBe(1);
    expect(classificationMetrics([1], [0.5], 0.4).accuracy).toBe(1);
  });

  it('refuses lists of different lengths', () => {
    expect(() => classificationMetrics([1, 0], [0.5])).toThrow(/2 labels but 1 predictions/);
  });
});

describe('rocAuc', () => {
  it('counts the pairs a positive outranks by hand', () => {
    // Positives .9 .4 .8 .7, negatives .2 .6 .55 .3: .9 beats 4, .4 beats 2 (.2, .3), .8 beats 4, .7 beats 4.
    // AUC = 14 / (4·4) = 0.875 (sklearn.metrics.roc_auc_score: 0.875).
    expect(rocAuc([1, 0, 1, 1, 0, 0, 1, 0], [0.9, 0.2, 0.4, 0.8, 0.6, 0.55, 0.7, 0.3])).toBe(0.875);
  });

  it('counts a tie between a positive and a negative as half a pair', () => {
    // Pairs: (.5 vs .5) = ½, (.5 vs .2) = 1, (.8 vs .5) = 1, (.8 vs .2) = 1 ⇒ 3.5 / 4 = 0.875.
    // By ranks: .2 → 1, the two .5 → 2.5 each, .8 → 4; positives 2.5 + 4 − 2·3/2 = 3.5.
    expect(rocAuc([1, 0, 1, 0], [0.5, 0.5, 0.8, 0.2])).toBe(0.875);
    // A constant score is uninformative: 0.5.
    expect(rocAuc([1, 0, 0, 1, 0], [0.3, 0.3, 0.3, 0.3, 0.3])).toBe(0.5);
  });

  it('is 1 for a perfect ranking, 0 for a reversed one, null with a single class', () => {
    expect(rocAuc([0, 0, 1, 1], [1, 2, 3, 4])).toBe(1);
    expect(rocAuc([1, 1, 0, 0], [1, 2, 3, 4])).toBe(0);
    expect(rocAuc([1, 1], [0.2, 0.8])).toBeNull();
    expect(rocAuc([], [])).toBeNull();
  });

  it('gives exactly what ranking all rows by one index sort gives, ties and odd labels included', () => {
    // The rank-sum over one sort of row indices (ties by index), as rocAuc was first written.
    const byIndexSort = (labels: number[], scores: number[]): number | null => {
      const n = labels.length;
      const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[a] - scores[b] || a - b);
      let positives = 0;
      let rankSum = 0;
      for (let start = 0; start < n;) {
        let end = start + 1;
        while (end < n && scores[order[end]] === scores[order[start]]) end++;
        const rank = (start + 1 + end) / 2;
        for (let k = start; k < end; k++) {
          if (labels[order[k]] === 1) {
            positives++;
            rankSum += rank;
          }
        }
        start = end;
      }
      const negatives = n - positives;
      if (positives === 0 || negatives === 0) return null;
      return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
    };
    let seed = 12345;
    const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    for (let trial = 0; trial < 300; trial++) {
      const n = 1 + Math.floor(random() * (trial < 250 ? 60 : 3000));
      // Coarse scores give many ties; some trials mix in −0, ±Infinity and labels other than 0/1.
      const grid = [2, 10, 1000, 0][trial % 4];
      const scores = Array.from({ length: n }, () => {
        const u = random();
        if (trial % 5 === 0 && u < 0.05) return [-0, 0, Infinity, -Infinity][Math.floor(u * 80)];
        return grid === 0 ? u : Math.round(u * grid) / grid;
      });
      const labels = Array.from({ length: n }, () =>
        trial % 7 === 0 && random() < 0.1 ? 2 : random() < 0.3 ? 1 : 0,
      );
      expect(rocAuc(labels, Float64Array.from(scores))).toBe(byIndexSort(labels, scores));
    }
    // A NaN score: the index sort's answer, whatever it is.
    const scores = [0.3, NaN, 0.7, 0.1, 0.9];
    expect(rocAuc([1, 0, 1, 0, 0], scores)).toBe(byIndexSort([1, 0, 1, 0, 0], scores));
  });
});

describe('regressionMetrics', () => {
  it("computes scikit-learn's documentation example by hand", () => {
    // y = (3, −0.5, 2, 7), ŷ = (2.5, 0, 2, 8); errors 0.5, −0.5, 0, −1.
    // MAE = 2/4 = 0.5; MSE = (0.25 + 0.25 + 0 + 1)/4 = 0.375, RMSE = √0.375 = 0.6123724.
    // MAPE = (0.5/3 + 0.5/0.5 + 0/2 + 1/7)/4 = 1.3095238/4 = 0.3273810.
    // mean y = 2.875, SS_tot = 0.015625 + 11.390625 + 0.765625 + 17.015625 = 29.1875, SS_res = 1.5,
    // R² = 1 − 1.5/29.1875 = 0.9486081. sklearn.metrics agrees (0.5, 0.6123724356957945,
    // 0.3273809523809524, 0.9486081370449679).
    const m = regressionMetrics([3, -0.5, 2, 7], [2.5, 0, 2, 8]);
    expect(m.task).toBe('regression');
    expect(m.count).toBe(4);
    expect(m.mae).toBe(0.5);
    expect(m.rmse).toBeCloseTo(0.6123724356957945, 12);
    expect(m.mape).toBeCloseTo(0.3273809523809524, 12);
    expect(m.r2).toBeCloseTo(0.9486081370449679, 12);
  });

  it('gives a mean prediction R² = 0 and stays finite for constant labels', () => {
    // ŷ = mean(y) = 2: SS_res = SS_tot, so R² = 0.
    expect(regressionMetrics([1, 2, 3], [2, 2, 2]).r2).toBe(0);
    // SS_tot = 0: sklearn's force_finite gives 1 for a perfect fit, 0 otherwise.
    expect(regressionMetrics([2, 2], [2, 2]).r2).toBe(1);
    expect(regressionMetrics([2, 2], [1, 2]).r2).toBe(0);
  });

  it('floors |y| at machine epsilon in MAPE, as sklearn does', () => {
    // |0 − 1| / 2⁻⁵² = 4503599627370496, averaged over 2 rows with the exact second one.
    expect(regressionMetrics([0, 1], [1, 1]).mape).toBe(1 / Number.EPSILON / 2);
  });
});

describe('precisionRecallF1', () => {
  it('computes the ratios from counts, fractional ones included', () => {
    // TP 3, FP 2, FN 1: precision 3/5, recall 3/4, F1 = 2·3 / (2·3 + 2 + 1) = 6/9.
    const m = precisionRecallF1(3, 2, 1);
    expect(m.precision).toBe(0.6);
    expect(m.recall).toBe(0.75);
    expect(m.f1).toBeCloseTo(2 / 3, 15);
    expect(precisionRecallF1(1.5, 0.5, 0.5).f1).toBeCloseTo(0.75, 15);
  });

  it('gives 0 for every 0/0 ratio (sklearn zero_division)', () => {
    expect(precisionRecallF1(0, 0, 0)).toEqual({ precision: 0, recall: 0, f1: 0 });
    expect(precisionRecallF1(0, 3, 0)).toEqual({ precision: 0, recall: 0, f1: 0 });
  });
});

describe('expectedCalibrationError', () => {
  it('weights |accuracy − confidence| by bin size, by hand', () => {
    // p        .9   .8   .3   .65  .95
    // class     1    1    0    1    1     confidence .9 .8 .7 .65 .95
    // label     1    0    0    1    1
    // bins (10): .9 → (.8, .9], .8 → (.7, .8], .7 → (.6, .7], .65 → (.6, .7], .95 → (.9, 1]
    // (.6, .7]: 2 rows, both right, mean conf .675 → |1 − .675| = .325, weight 2/5
    // (.7, .8]: 1 row, wrong → |0 − .8| = .8; (.8, .9]: right → .1; (.9, 1]: right → .05
    // ECE = (2·.325 + .8 + .1 + .05) / 5 = 1.6 / 5 = 0.32
    expect(expectedCalibrationError([1, 0, 0, 1, 1], [0.9, 0.8, 0.3, 0.65, 0.95])).toBeCloseTo(0.32, 15);
  });

  it('is 0 for a calibrated bin, and counts p = 0.5 as a confident 0 at 0.5', () => {
    // Four rows at p = .75, three positive: accuracy .75 = confidence .75.
    expect(expectedCalibrationError([1, 1, 1, 0], [0.75, 0.75, 0.75, 0.75])).toBeCloseTo(0, 15);
    // p = .5: class 0, confidence .5 in bin (.4, .5]; label 1 is a miss: |0 − .5| = .5.
    expect(expectedCalibrationError([1], [0.5])).toBe(0.5);
  });

  it('is 0 with no rows and refuses a bin count that is not a positive integer', () => {
    expect(expectedCalibrationError([], [])).toBe(0);
    expect(() => expectedCalibrationError([1], [0.5], 0)).toThrow(/bins must be a positive integer/);
  });
});

describe('calibration bins of a holdout', () => {
  it('sorts by score into equal-count bins: mean score, share of 1s, size (hand-computed)', () => {
    const scores = [0.9, 0.1, 0.4, 0.8, 0.2, 0.6, 0.3];
    const labels = [1, 0, 1, 1, 0, 0, 0];
    // By score: 0.1(0) 0.2(0) 0.3(0) | 0.4(1) 0.6(0) 0.8(1) | 0.9(1), bins of ceil(7 / 3) = 3.
    const bins = calibrationBins(labels, scores, 3);
    expect(bins.counts).toEqual([3, 3, 1]);
    expect(bins.scores.map((s) => +s.toFixed(12))).toEqual([0.2, 0.6, 0.9]);
    expect(bins.positiveRates).toEqual([0, 2 / 3, 1]);
    expect(JSON.parse(JSON.stringify(bins))).toEqual(bins); // stored with the version as JSON
  });

  it('keeps every row once, and refuses labels and scores of different lengths', () => {
    const n = 5003;
    const scores = Array.from({ length: n }, (_, i) => ((i * 7919) % n) / n);
    const bins = calibrationBins(
      scores.map((s) => (s > 0.5 ? 1 : 0)),
      scores,
    );
    expect(bins.counts.reduce((a, b) => a + b, 0)).toBe(n);
    expect(bins.counts.length).toBeLessThanOrEqual(100);
    expect([...bins.scores].sort((a, b) => a - b)).toEqual(bins.scores);
    expect(() => calibrationBins([1, 0], [0.5])).toThrow();
  });
});
