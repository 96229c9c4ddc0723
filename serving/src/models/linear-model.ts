/** What fitting a linear or logistic regression gives. */
export interface LinearFit {
  readonly coefficients: Float64Array;
  readonly intercept: number;
  readonly iterations: number;
  readonly converged: boolean;
}

/**
 * A fitted linear model on design vectors, what linear and logistic regression share (scikit-learn's
 * LinearModel): coefficients w and an intercept b. Scoring allocates nothing.
 */
export abstract class LinearModel {
  constructor(
    readonly coefficients: Float64Array,
    readonly intercept: number,
  ) {}

  /** b + w·x of the design vector starting at `offset` in `x` (for logistic regression, the log-odds). */
  decision(x: ArrayLike<number>, offset = 0): number {
    const w = this.coefficients;
    let s = this.intercept;
    for (let j = 0; j < w.length; j++) s += w[j] * x[offset + j];
    return s;
  }
}
