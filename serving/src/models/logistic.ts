import { ModelError } from './errors';
import { cholesky, choleskySolveInPlace, weightedGram, type Matrix } from './linalg';
import { LinearModel, type LinearFit } from './linear-model';

/*
 * Binary logistic regression with an L2 penalty, the objective of scikit-learn's
 * LogisticRegression(penalty='l2', C=1.0):
 *
 *   f(b, w) = Σᵢ [ log(1 + exp(zᵢ)) − yᵢ·zᵢ ] + ‖w‖² / (2C),   zᵢ = b + w·xᵢ
 *
 * with the intercept b not penalised. Fitted by Newton's method (IRLS): each step solves the
 * (d+1)×(d+1) system H·Δ = ∇f with a Cholesky factorisation. f is strictly convex, so the optimum
 * is unique and the result does not depend on the solver (sklearn's lbfgs finds the same point up
 * to its tolerance). A backtracking line search keeps every step downhill, which plain Newton does
 * not guarantee when the classes are (nearly) separable, as in STAGGER. Everything runs in a fixed
 * order, so the same data give bit-identical coefficients.
 */

export interface LogisticOptions {
  /** Inverse penalty strength, as in scikit-learn (default 1). */
  readonly C?: number;
  readonly maxIterations?: number;
  /** Stop when the largest Newton step component falls below this (default 1e-10). */
  readonly tolerance?: number;
}

/** Added to the Hessian's diagonal (times n): keeps it positive definite when every p(1−p) underflows; the optimum is unchanged, only the step. */
const HESSIAN_JITTER = 1e-12;

/** Fits on a design matrix `x` (n×d, already preprocessed) and labels `y` in {0, 1}. */
export function fitLogistic(x: Matrix, y: ArrayLike<number>, options: LogisticOptions = {}): LinearFit {
  const C = options.C ?? 1;
  const maxIterations = options.maxIterations ?? 100;
  const tolerance = options.tolerance ?? 1e-10;
  if (!(C > 0) || !Number.isFinite(C)) throw new ModelError('C', 'a positive finite number', C);
  const { rows: n, cols: d } = x;
  if (y.length !== n) throw new ModelError('labels', `${n} labels (one per row)`, y.length);
  let positives = 0;
  for (let i = 0; i < n; i++) {
    if (y[i] !== 0 && y[i] !== 1) throw new ModelError(`labels[${i}]`, '0 or 1', y[i]);
    positives += y[i];
  }
  if (positives === 0 || positives === n)
    throw new ModelError(
      'labels',
      'both classes (0 and 1) among the training labels',
      `only ${positives ? 1 : 0}s`,
    );

  const lambda = 1 / C;
  const m = d + 1;
  // beta = [intercept, w₁..w_d]
  let beta = new Float64Array(m);
  let candidate = new Float64Array(m);
  const z = new Float64Array(n);
  const weights = new Float64Array(n);
  const residual = new Float64Array(n);
  const hessian = new Float64Array(m * m);
  const step = new Float64Array(m);
  const grad = new Float64Array(m);

  linearPredictor(x, beta, z);
  let loss = objective(z, y, beta, lambda);
  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations) {
    iterations++;
    for (let i = 0; i < n; i++) {
      const p = sigmoid(z[i]);
      weights[i] = p * (1 - p);
      residual[i] = p - y[i];
    }
    gradient(x, residual, beta, lambda, grad);
    weightedGram(x, weights, hessian);
    for (let j = 0; j < m; j++) hessian[j * m + j] += (j > 0 ? lambda : 0) + HESSIAN_JITTER * n;
    cholesky(hessian, m);
    step.set(grad);
    choleskySolveInPlace(hessian, m, step);

    // Backtracking (Armijo): halve until the objective drops by a fraction of the predicted decrease.
    let decrement = 0;
    for (let j = 0; j < m; j++) decrement += grad[j] * step[j];
    let t = 1;
    let next = loss;
    for (let halvings = 0; halvings < 60; halvings++, t /= 2) {
      for (let j = 0; j < m; j++) candidate[j] = beta[j] - t * step[j];
      linearPredictor(x, candidate, z);
      next = objective(z, y, candidate, lambda);
      if (next <= loss - 1e-4 * t * decrement) break;
    }
    if (!(next <= loss)) {
      // No descent possible any more: we are at the optimum to machine precision.
      linearPredictor(x, beta, z);
      converged = true;
      break;
    }
    [beta, candidate] = [candidate, beta];
    loss = next;
    let largest = 0;
    for (let j = 0; j < m; j++) largest = Math.max(largest, Math.abs(t * step[j]));
    if (largest < tolerance * (1 + maxAbs(beta))) {
      converged = true;
      break;
    }
  }
  return { intercept: beta[0], coefficients: beta.slice(1), iterations, converged };
}

/** A fitted logistic regression on design vectors (`decision` is the log-odds). Scoring allocates nothing. */
export class LogisticRegression extends LinearModel {
  static fit(x: Matrix, y: ArrayLike<number>, options?: LogisticOptions): LogisticRegression {
    const fit = fitLogistic(x, y, options);
    return new LogisticRegression(fit.coefficients, fit.intercept);
  }

  /** P(y = 1 | x). */
  predictProba(x: ArrayLike<number>, offset = 0): number {
    return sigmoid(this.decision(x, offset));
  }

  /** The class, 1 when P(y = 1 | x) > threshold (0.5 like sklearn's predict, ties to 0). */
  predict(x: ArrayLike<number>, offset = 0, threshold = 0.5): number {
    return this.predictProba(x, offset) > threshold ? 1 : 0;
  }
}

/** 1 / (1 + e^−z), without overflow for large |z|. */
export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/** log(1 + e^z), without overflow. */
export function softplus(z: number): number {
  return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
}

function linearPredictor(x: Matrix, beta: Float64Array, out: Float64Array): void {
  const { rows, cols, data } = x;
  for (let i = 0; i < rows; i++) {
    let s = beta[0];
    const base = i * cols;
    for (let j = 0; j < cols; j++) s += beta[j + 1] * data[base + j];
    out[i] = s;
  }
}

function objective(z: Float64Array, y: ArrayLike<number>, beta: Float64Array, lambda: number): number {
  let f = 0;
  for (let i = 0; i < z.length; i++) f += softplus(z[i]) - y[i] * z[i];
  let ww = 0;
  for (let j = 1; j < beta.length; j++) ww += beta[j] * beta[j];
  return f + (lambda / 2) * ww;
}

/** ∇f: [Σ rᵢ, Σ rᵢ·xᵢ + λ·w] with rᵢ = pᵢ − yᵢ. */
function gradient(x: Matrix, r: Float64Array, beta: Float64Array, lambda: number, out: Float64Array): void {
  const { rows, cols, data } = x;
  out.fill(0);
  for (let i = 0; i < rows; i++) {
    const ri = r[i];
    out[0] += ri;
    const base = i * cols;
    for (let j = 0; j < cols; j++) out[j + 1] += ri * data[base + j];
  }
  for (let j = 1; j < out.length; j++) out[j] += lambda * beta[j];
}

function maxAbs(a: Float64Array): number {
  let m = 0;
  for (let j = 0; j < a.length; j++) m = Math.max(m, Math.abs(a[j]));
  return m;
}
