import { precisionRecallF1 } from '@driftlab/contracts';
import type { Calibration } from './isotonic';
import { checkOneValuePer, type PredictionRows } from './rows';

/**
 * Label-free estimate of a classifier's quality over a window, in the spirit of NannyML's CBPE
 * (confidence-based performance estimation). With p̂ the calibrated P(class 1) of a row and ŷ its
 * served class, the row is right with probability p̂ when ŷ = 1 and 1 − p̂ when ŷ = 0, so:
 *
 * - accuracy = mean of that probability over the window;
 * - expected confusion counts TP = Σ_{ŷ=1} p̂, FP = Σ_{ŷ=1} (1 − p̂), FN = Σ_{ŷ=0} p̂, and
 *   precision, recall, F1 from them (a ratio of expectations, not the expectation of the ratio).
 *
 * It holds while P(y | x) is what it was on the reference data (no concept drift): it follows
 * covariate shift before any label arrives, and is blind to pure concept drift. NaN when empty.
 */
export interface EstimatedClassification {
  readonly count: number;
  readonly accuracy: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

/**
 * Estimates quality from scores alone; `calibration` (e.g. `fitIsotonic` on the reference data)
 * maps raw scores to calibrated probabilities first, and is left out when the model is calibrated.
 */
export function estimateClassification(
  rows: PredictionRows,
  calibration?: Calibration,
): EstimatedClassification {
  const { values, scores } = rows;
  const n = scores.length;
  checkOneValuePer('estimateClassification', values, scores, 'score');
  if (n === 0) return { count: 0, accuracy: NaN, precision: NaN, recall: NaN, f1: NaN };
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let right = 0;
  for (let i = 0; i < n; i++) {
    const p = calibration === undefined ? scores[i] : calibration.apply(scores[i]);
    if (values[i] === 1) {
      tp += p;
      fp += 1 - p;
      right += p;
    } else {
      fn += p;
      right += 1 - p;
    }
  }
  const { precision, recall, f1 } = precisionRecallF1(tp, fp, fn);
  return { count: n, accuracy: right / n, precision, recall, f1 };
}
