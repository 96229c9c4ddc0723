/*
 * Holdout metrics, computed the way scikit-learn computes them so that numbers in the lab match
 * what students get from sklearn.metrics:
 *
 * - precision, recall and F1 of the positive class (label 1), 0 when undefined (no predicted or no
 *   actual positives: sklearn's zero_division result);
 * - log loss with probabilities clipped to [ε, 1 − ε], ε = 2⁻⁵² (machine epsilon, sklearn's
 *   eps='auto'), natural log;
 * - ROC AUC by ranks (Mann–Whitney U), tied scores sharing their average rank, which equals the
 *   area under the ROC curve with ties drawn as diagonal segments; null when the labels hold only
 *   one class (sklearn raises);
 * - expected calibration error as Guo et al. (2017): confidence of the predicted class, 10
 *   equal-width bins, bin-size-weighted |accuracy − confidence|;
 * - MAPE as a fraction, not a percentage, with |y| floored at machine epsilon (sklearn's choice);
 * - R² = 1 − SS_res / SS_tot, with sklearn's finite fallback when SS_tot = 0 (1 for a perfect fit,
 *   0 otherwise).
 *
 * Every result is a plain JSON-safe object (no NaN), because it is stored with the model version.
 */

export interface ClassificationMetrics {
  readonly task: 'classification';
  readonly count: number;
  readonly accuracy: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly logLoss: number;
  readonly rocAuc: number | null;
  /** Share of label 1 among the holdout labels. */
  readonly positiveRate: number;
}

export interface RegressionMetrics {
  readonly task: 'regression';
  readonly count: number;
  readonly mae: number;
  readonly rmse: number;
  readonly mape: number;
  readonly r2: number;
}

export type Metrics = ClassificationMetrics | RegressionMetrics;

const LOG_LOSS_EPS = Number.EPSILON;

/** Metrics of probabilities P(y = 1) against 0/1 labels; the class is 1 when p > threshold. */
export function classificationMetrics(
  labels: ArrayLike<number>,
  probabilities: ArrayLike<number>,
  threshold = 0.5,
): ClassificationMetrics {
  const n = sameLength(labels, probabilities);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let positives = 0;
  for (let i = 0; i < n; i++) {
    const y = labels[i];
    const hat = probabilities[i] > threshold ? 1 : 0;
    positives += y;
    if (hat === 1 && y === 1) tp++;
    else if (hat === 1) fp++;
    else if (y === 1) fn++;
  }
  const { precision, recall, f1 } = precisionRecallF1(tp, fp, fn);
  return {
    task: 'classification',
    count: n,
    accuracy: n > 0 ? (n - fp - fn) / n : 0,
    precision,
    recall,
    f1,
    logLoss: logLoss(labels, probabilities),
    rocAuc: rocAuc(labels, probabilities),
    positiveRate: n > 0 ? positives / n : 0,
  };
}

/**
 * Precision, recall and F1 of the positive class from confusion counts, 0 where a ratio is 0/0
 * (sklearn's zero_division result, without its warning). Counts may be fractional (expected counts).
 */
export function precisionRecallF1(
  tp: number,
  fp: number,
  fn: number,
): { precision: number; recall: number; f1: number } {
  const precision = tp + fp > 0 ? tp / (tp + fp) : 0;
  const recall = tp + fn > 0 ? tp / (tp + fn) : 0;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1 };
}

/**
 * Expected calibration error (Guo et al. 2017) of probabilities P(y = 1) against 0/1 labels: the
 * predicted class is 1 when p > 0.5 and its confidence is max(p, 1 − p); rows fall in `bins`
 * equal-width bins of confidence, ((m − 1)/bins, m/bins] (bin = ⌈conf·bins⌉ − 1, 0 joins the first),
 * and ECE = Σ_m (|B_m| / n)·|accuracy(B_m) − mean confidence(B_m)|. Empty bins add nothing; 0 for no rows.
 */
export function expectedCalibrationError(
  labels: ArrayLike<number>,
  probabilities: ArrayLike<number>,
  bins = 10,
): number {
  const n = sameLength(labels, probabilities);
  if (!Number.isInteger(bins) || bins < 1)
    throw new RangeError(`metrics: bins must be a positive integer, got ${bins}`);
  if (n === 0) return 0;
  const correct = new Float64Array(bins);
  const confidence = new Float64Array(bins);
  for (let i = 0; i < n; i++) {
    const p = probabilities[i];
    const predicted = p > 0.5 ? 1 : 0;
    const conf = predicted === 1 ? p : 1 - p;
    const bin = Math.min(bins - 1, Math.max(0, Math.ceil(conf * bins) - 1));
    correct[bin] += labels[i] === predicted ? 1 : 0;
    confidence[bin] += conf;
  }
  // |B|/n · |acc − conf| = |Σ correct − Σ conf| / n, so the bin sizes are not needed.
  let ece = 0;
  for (let b = 0; b < bins; b++) ece += Math.abs(correct[b] - confidence[b]);
  return ece / n;
}

/** Mean negative log-likelihood of 0/1 labels under probabilities P(y = 1), clipped (see top). */
export function logLoss(labels: ArrayLike<number>, probabilities: ArrayLike<number>): number {
  const n = sameLength(labels, probabilities);
  if (n === 0) return 0;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const p = Math.min(Math.max(probabilities[i], LOG_LOSS_EPS), 1 - LOG_LOSS_EPS);
    sum -= labels[i] === 1 ? Math.log(p) : Math.log(1 - p);
  }
  return sum / n;
}

/**
 * Area under the ROC curve by the rank-sum of the positives, ties averaged; null with one class.
 * The scores of positives and of negatives are sorted apart (typed-array sorts, no comparator:
 * several times faster than sorting indices with one) and walked together by distinct score, each
 * positive adding its tie group's mean rank in ascending order, so the sum is the same float as
 * sorting all indices. A NaN score has no rank order: then the index sort decides, as it always did.
 */
export function rocAuc(labels: ArrayLike<number>, scores: ArrayLike<number>): number | null {
  const n = sameLength(labels, scores);
  let positives = 0;
  for (let i = 0; i < n; i++) {
    const s = scores[i];
    if (s !== s) return rocAucByIndexSort(labels, scores, n);
    if (labels[i] === 1) positives++;
  }
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) return null;
  const pos = new Float64Array(positives);
  const neg = new Float64Array(negatives);
  for (let i = 0, p = 0, q = 0; i < n; i++) {
    if (labels[i] === 1) pos[p++] = scores[i];
    else neg[q++] = scores[i];
  }
  pos.sort();
  neg.sort();
  let rankSum = 0;
  let i = 0;
  let j = 0;
  for (let start = 0; start < n;) {
    const x = j >= negatives || (i < positives && pos[i] <= neg[j]) ? pos[i] : neg[j];
    let tiedPositives = 0;
    let end = start;
    while (i < positives && pos[i] === x) {
      i++;
      tiedPositives++;
      end++;
    }
    while (j < negatives && neg[j] === x) {
      j++;
      end++;
    }
    // Ranks start+1 .. end (1-based) share their mean.
    const rank = (start + 1 + end) / 2;
    for (let k = 0; k < tiedPositives; k++) rankSum += rank;
    start = end;
  }
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/** rocAuc by sorting row indices by score (ties by index), for scores a typed sort cannot order. */
function rocAucByIndexSort(labels: ArrayLike<number>, scores: ArrayLike<number>, n: number): number | null {
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[a] - scores[b] || a - b);
  let positives = 0;
  let rankSum = 0;
  for (let start = 0; start < n;) {
    let end = start + 1;
    while (end < n && scores[order[end]] === scores[order[start]]) end++;
    // Ranks start+1 .. end (1-based) share their mean.
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
}

export function regressionMetrics(
  labels: ArrayLike<number>,
  predictions: ArrayLike<number>,
): RegressionMetrics {
  const n = sameLength(labels, predictions);
  if (n === 0) return { task: 'regression', count: 0, mae: 0, rmse: 0, mape: 0, r2: 0 };
  let abs = 0;
  let sq = 0;
  let pct = 0;
  let mean = 0;
  for (let i = 0; i < n; i++) {
    const y = labels[i];
    const e = y - predictions[i];
    abs += Math.abs(e);
    sq += e * e;
    pct += Math.abs(e) / Math.max(Math.abs(y), Number.EPSILON);
    mean += y;
  }
  mean /= n;
  let tot = 0;
  for (let i = 0; i < n; i++) tot += (labels[i] - mean) * (labels[i] - mean);
  return {
    task: 'regression',
    count: n,
    mae: abs / n,
    rmse: Math.sqrt(sq / n),
    mape: pct / n,
    r2: tot > 0 ? 1 - sq / tot : sq === 0 ? 1 : 0,
  };
}

function sameLength(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length)
    throw new RangeError(`metrics: ${a.length} labels but ${b.length} predictions; expected one per label`);
  return a.length;
}

/**
 * The holdout's scores against its labels, in up to `bins` equal-count bins by score: each bin's
 * mean score, share of 1s and size. The exporter fits its calibration on them (weighted isotonic
 * regression), so the label-free quality estimate (CBPE) of a model whose scores are not
 * calibrated probabilities is not off from the first prediction. Bins keep a version's stored
 * metrics small (a few kB, not the holdout).
 */
export interface CalibrationBins {
  readonly scores: readonly number[];
  readonly positiveRates: readonly number[];
  readonly counts: readonly number[];
}

export function calibrationBins(
  labels: ArrayLike<number>,
  probabilities: ArrayLike<number>,
  bins = 100,
): CalibrationBins {
  const n = sameLength(labels, probabilities);
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => probabilities[a] - probabilities[b]);
  const out = { scores: [] as number[], positiveRates: [] as number[], counts: [] as number[] };
  const size = Math.max(1, Math.ceil(n / bins));
  for (let start = 0; start < n; start += size) {
    const end = Math.min(n, start + size);
    let score = 0;
    let positives = 0;
    for (let k = start; k < end; k++) {
      score += probabilities[order[k]];
      positives += labels[order[k]];
    }
    out.scores.push(score / (end - start));
    out.positiveRates.push(positives / (end - start));
    out.counts.push(end - start);
  }
  return out;
}
