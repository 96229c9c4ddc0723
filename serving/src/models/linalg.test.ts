import { cholesky, choleskySolveInPlace, matrix, solveSpd, weightedGram } from './linalg';

describe('Cholesky', () => {
  it('factors the textbook 3×3 example exactly', () => {
    // A = [[4, 12, −16], [12, 37, −43], [−16, −43, 98]] = L·Lᵀ with L = [[2, 0, 0], [6, 1, 0], [−8, 5, 3]]
    // (the worked example on Wikipedia's "Cholesky decomposition" page).
    const a = Float64Array.from([4, 12, -16, 12, 37, -43, -16, -43, 98]);
    cholesky(a, 3);
    expect([a[0], a[3], a[4], a[6], a[7], a[8]]).toEqual([2, 6, 1, -8, 5, 3]);
  });

  it('solves A·x = b and leaves its inputs alone', () => {
    // x = (1, 2, 3): b = A·x = (4 + 24 − 48, 12 + 74 − 129, −16 − 86 + 294) = (−20, −43, 192).
    const a = Float64Array.from([4, 12, -16, 12, 37, -43, -16, -43, 98]);
    const b = Float64Array.from([-20, -43, 192]);
    const x = solveSpd(a, 3, b);
    for (const [i, v] of [1, 2, 3].entries()) expect(x[i]).toBeCloseTo(v, 12);
    expect(Array.from(b)).toEqual([-20, -43, 192]);
    expect(a[0]).toBe(4);
  });

  it('solves in place with a factor computed once', () => {
    const l = Float64Array.from([2, 0, 0, 1]); // A = diag(4, 1) after factoring: L = diag(2, 1)
    const b = Float64Array.from([8, 3]);
    choleskySolveInPlace(l, 2, b);
    expect(Array.from(b)).toEqual([2, 3]);
  });

  it('refuses a matrix that is not positive definite', () => {
    expect(() => cholesky(Float64Array.from([1, 2, 2, 1]), 2)).toThrow(/not positive definite \(pivot 1/);
    expect(() => cholesky(Float64Array.from([0]), 1)).toThrow(/not positive definite/);
  });
});

describe('weightedGram', () => {
  it('accumulates Σ w·[1 x][1 x]ᵀ with the intercept first', () => {
    // Rows (1, 2) and (3, 0) with weights 2 and 1:
    // 2·[[1,1,2],[1,1,2],[2,2,4]] + 1·[[1,3,0],[3,9,0],[0,0,0]] = [[3,5,4],[5,11,4],[4,4,8]].
    const x = matrix(2, 2);
    x.data.set([1, 2, 3, 0]);
    const out = new Float64Array(9);
    weightedGram(x, Float64Array.from([2, 1]), out);
    expect(Array.from(out)).toEqual([3, 5, 4, 5, 11, 4, 4, 4, 8]);
    // Unit weights: [[2,4,2],[4,10,2],[2,2,4]].
    weightedGram(x, null, out);
    expect(Array.from(out)).toEqual([2, 4, 2, 4, 10, 2, 2, 2, 4]);
  });
});
