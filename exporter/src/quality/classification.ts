import { expectedCalibrationError, logLoss, precisionRecallF1, rocAuc } from '@driftlab/contracts';
import type { ClassificationRows } from './rows';

/**
 * Realised quality of a classifier over a window. Computed as sklearn.metrics computes it (see
 * exporter/docs/quality.md); every field is NaN when the window is empty, and `rocAuc` is NaN when
 * the window's labels hold one class only: Prometheus shows NaN as "no value", not as a fake 0.
 */
export interface ClassificationQuality {
  readonly count: number;
  readonly accuracy: number;
  /** Of the positive class (1); 0 when nothing is predicted positive (sklearn's zero_division). */
  readonly precision: number;
  /** Of the positive class (1); 0 when no label is positive. */
  readonly recall: number;
  readonly f1: number;
  readonly rocAuc: number;
  /** Natural log, probabilities clipped to [ε, 1 − ε] with ε = 2⁻⁵² (sklearn 1.2's eps='auto'). */
  readonly logLoss: number;
  /** Guo et al. (2017): 10 equal-width bins of the predicted class's confidence. */
  readonly ece: number;
  /** Share of labels that are 1: moves under prior drift. */
  readonly positiveRate: number;
  /** Share of served classes that are 1. */
  readonly predictedPositiveRate: number;
}

export function classificationQuality(rows: ClassificationRows): ClassificationQuality {
  const { values, scores, labels } = rows;
  const n = labels.length;
  if (values.length !== n || scores.length !== n)
    throw new RangeError(
      `classificationQuality: ${n} labels, ${values.length} values and ${scores.length} scores; expected one of each per row`,
    );
  if (n === 0) return EMPTY;
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let positives = 0;
  let predictedPositives = 0;
  for (let i = 0; i < n; i++) {
    const actual = labels[i] === 1;
    const predicted = values[i] === 1;
    if (actual) positives++;
    if (predicted) predictedPositives++;
    if (predicted && actual) tp++;
    else if (predicted) fp++;
    else if (actual) fn++;
  }
  const { precision, recall, f1 } = precisionRecallF1(tp, fp, fn);
  return {
    count: n,
    accuracy: (n - fp - fn) / n,
    precision,
    recall,
    f1,
    rocAuc: rocAuc(labels, scores) ?? NaN,
    logLoss: logLoss(labels, scores),
    ece: expectedCalibrationError(labels, scores),
    positiveRate: positives / n,
    predictedPositiveRate: predictedPositives / n,
  };
}

const EMPTY: ClassificationQuality = {
  count: 0,
  accuracy: NaN,
  precision: NaN,
  recall: NaN,
  f1: NaN,
  rocAuc: NaN,
  logLoss: NaN,
  ece: NaN,
  positiveRate: NaN,
  predictedPositiveRate: NaN,
};
