import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/*
 * The scikit-learn reference numbers written by exporter/tools/quality_fixtures.py, and a relative
 * comparison tight enough to catch a different formula, loose enough for summation order.
 */

interface Case<E> {
  readonly name: string;
  readonly expected: E;
}

export interface SklearnFixtures {
  readonly sklearn: string;
  readonly classification: readonly (Case<{
    accuracy: number;
    precision: number;
    recall: number;
    f1: number;
    rocAuc: number | null;
    logLoss: number;
    ece: number;
  }> & { values: number[]; scores: number[]; labels: number[] })[];
  readonly regression: readonly (Case<{ mae: number; rmse: number; mape: number }> & {
    values: number[];
    labels: number[];
  })[];
  readonly isotonic: readonly (Case<{
    thresholdsX: number[];
    thresholdsY: number[];
    predictions: number[];
  }> & {
    x: number[];
    y: number[];
    weights: number[] | null;
    query: number[];
  })[];
  readonly cbpe: readonly (Case<{
    accuracy: number;
    precision: number;
    recall: number;
    f1: number;
    uncalibratedAccuracy: number;
  }> & { referenceScores: number[]; referenceLabels: number[]; values: number[]; scores: number[] })[];
  readonly labelDelay: readonly (Case<{ meanSeconds: number; p95Seconds: number }> & {
    predictionTimesMs: number[];
    labelTimesMs: number[];
  })[];
}

export function loadSklearnFixtures(): SklearnFixtures {
  return JSON.parse(readFileSync(join(__dirname, 'sklearn-fixtures.json'), 'utf8')) as SklearnFixtures;
}

/** |actual − expected| ≤ tolerance·max(1, |expected|); NaN matches null or NaN. */
export function expectClose(actual: number, expected: number | null, what: string, tolerance = 1e-12): void {
  if (expected === null || Number.isNaN(expected)) {
    if (!Number.isNaN(actual)) throw new Error(`${what}: expected NaN, got ${actual}`);
    return;
  }
  const error = Math.abs(actual - expected);
  if (!(error <= tolerance * Math.max(1, Math.abs(expected))))
    throw new Error(`${what}: expected ${expected}, got ${actual} (difference ${error})`);
}
