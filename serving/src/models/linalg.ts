/**
 * The little dense linear algebra the models need: the Gram matrix of a design matrix and a
 * Cholesky solve of a symmetric positive definite system. Matrices are row-major Float64Arrays;
 * the systems are (d+1)×(d+1) with d at most a few dozen, so nothing cleverer pays off.
 */

/** A row-major n×d matrix. */
export interface Matrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;
}

export function matrix(rows: number, cols: number): Matrix {
  return { rows, cols, data: new Float64Array(rows * cols) };
}

/**
 * Overwrites the lower triangle of `a` (n×n, row-major) with L such that A = L·Lᵀ, reading only the
 * lower triangle. Throws when A is not positive definite: the callers add a ridge so that a valid
 * model never hits this, and a clear error beats a silent NaN.
 */
export function cholesky(a: Float64Array, n: number): void {
  for (let j = 0; j < n; j++) {
    let d = a[j * n + j];
    for (let k = 0; k < j; k++) d -= a[j * n + k] * a[j * n + k];
    if (!(d > 0)) throw new RangeError(`cholesky: matrix is not positive definite (pivot ${j} is ${d})`);
    const ljj = Math.sqrt(d);
    a[j * n + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      let s = a[i * n + j];
      for (let k = 0; k < j; k++) s -= a[i * n + k] * a[j * n + k];
      a[i * n + j] = s / ljj;
    }
  }
}

/** Solves L·Lᵀ·x = b in place in `b`, with L from `cholesky`. */
export function choleskySolveInPlace(l: Float64Array, n: number, b: Float64Array): void {
  for (let i = 0; i < n; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= l[i * n + k] * b[k];
    b[i] = s / l[i * n + i];
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = b[i];
    for (let k = i + 1; k < n; k++) s -= l[k * n + i] * b[k];
    b[i] = s / l[i * n + i];
  }
}

/** x = A⁻¹·b for a symmetric positive definite A (n×n, row-major); `a` and `b` are left unchanged. */
export function solveSpd(a: Float64Array, n: number, b: Float64Array): Float64Array {
  const l = Float64Array.from(a);
  cholesky(l, n);
  const x = Float64Array.from(b);
  choleskySolveInPlace(l, n, x);
  return x;
}

/**
 * Accumulates the weighted Gram matrix of [1 | X] into the lower triangle of `out` ((d+1)×(d+1),
 * intercept first): out = Σᵢ wᵢ·[1 xᵢ]ᵀ[1 xᵢ]. Then mirrors it to the upper triangle. With
 * `weights` null every weight is 1. Row by row, so it reads X once, in memory order.
 */
export function weightedGram(x: Matrix, weights: Float64Array | null, out: Float64Array): void {
  const d = x.cols;
  const m = d + 1;
  const data = x.data;
  out.fill(0);
  for (let i = 0; i < x.rows; i++) {
    const w = weights === null ? 1 : weights[i];
    if (w === 0) continue;
    const base = i * d;
    out[0] += w;
    for (let j = 0; j < d; j++) {
      const wxj = w * data[base + j];
      // One-hot columns are mostly zero: skipping them saves about half the work on the worlds.
      if (wxj === 0) continue;
      const row = (j + 1) * m;
      out[row] += wxj;
      for (let k = 0; k <= j; k++) out[row + k + 1] += wxj * data[base + k];
    }
  }
  for (let i = 0; i < m; i++) for (let j = i + 1; j < m; j++) out[i * m + j] = out[j * m + i];
}
