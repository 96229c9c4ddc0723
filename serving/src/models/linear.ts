import { ModelError } from './errors';
import { cholesky, choleskySolveInPlace, weightedGram, type Matrix } from './linalg';
import { LinearModel, type LinearFit } from './linear-model';

/*
 * Ordinary least squares by the normal equations, (XᵀX + λI′)β = Xᵀy with X = [1 | design] and I′
 * the identity without its intercept entry, solved with a Cholesky factorisation.
 *
 * λ = RIDGE · n is tiny next to XᵀX (whose diagonal is about n for standardised columns and
 * n · share for one-hot columns): it changes coefficients by about one part in 10⁸ but keeps the
 * system positive definite when a category never occurs in the training window (an all-zero
 * column) or two columns coincide, where plain OLS has no unique answer. scikit-learn's
 * LinearRegression (lstsq) returns the minimum-norm solution in those cases; the ridge picks the
 * same one in the limit.
 */

const RIDGE = 1e-8;

export interface LinearOptions {
  /** The ridge per row; default 1e-8 (see above). */
  readonly ridge?: number;
}

export function fitLinear(x: Matrix, y: ArrayLike<number>, options: LinearOptions = {}): LinearFit {
  const { rows: n, cols: d } = x;
  if (y.length !== n) throw new ModelError('labels', `${n} labels (one per row)`, y.length);
  if (n === 0) throw new ModelError('rows', 'at least one training row', 0);
  for (let i = 0; i < n; i++)
    if (!Number.isFinite(y[i])) throw new ModelError(`labels[${i}]`, 'a finite number', y[i]);
  const m = d + 1;
  const lambda = (options.ridge ?? RIDGE) * n;
  const gram = new Float64Array(m * m);
  weightedGram(x, null, gram);
  for (let j = 1; j < m; j++) gram[j * m + j] += lambda;
  // The intercept's pivot is n > 0, so the system is positive definite whenever lambda > 0.
  const beta = new Float64Array(m);
  const data = x.data;
  for (let i = 0; i < n; i++) {
    const yi = y[i];
    beta[0] += yi;
    const base = i * d;
    for (let j = 0; j < d; j++) beta[j + 1] += yi * data[base + j];
  }
  cholesky(gram, m);
  choleskySolveInPlace(gram, m, beta);
  return { intercept: beta[0], coefficients: beta.slice(1), iterations: 1, converged: true };
}

/** A fitted linear regression on design vectors. Prediction allocates nothing. */
export class LinearRegression extends LinearModel {
  static fit(x: Matrix, y: ArrayLike<number>, options?: LinearOptions): LinearRegression {
    const fit = fitLinear(x, y, options);
    return new LinearRegression(fit.coefficients, fit.intercept);
  }

  /** b + w·x of the design vector starting at `offset` in `x`. */
  predict(x: ArrayLike<number>, offset = 0): number {
    return this.decision(x, offset);
  }
}
