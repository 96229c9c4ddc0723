import { categoricalProfile, numericProfile, SAMPLE_SIZE } from './profile-builders';

describe('numericProfile', () => {
  it('gives decile edges and bin shares for a zero-inflated count', () => {
    // Eight 0s, a 1 and a 2: np.quantile gives edges [0 ×7, 0.2, 1.1] (0.2 = 0 + (1 − 0)·0.2 at
    // position 7.2; 1.1 at position 8.1). Bins: 0 → (−∞, 0], 1 → (0.2, 1.1], 2 → (1.1, ∞).
    const p = numericProfile('n', [0, 0, 1, 0, 0, 0, 2, 0, 0, 0]);
    expect(p.edges.slice(0, 7)).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(p.edges[7]).toBeCloseTo(0.2, 12);
    expect(p.edges[8]).toBeCloseTo(1.1, 12);
    expect(p.proportions).toEqual([0.8, 0, 0, 0, 0, 0, 0, 0, 0.1, 0.1]);
    expect(p).toMatchObject({ count: 10, missing: 0, mean: 0.3, min: 0, max: 2 });
    // Population sd: mean 0.3, Σ(v − 0.3)² = 8·0.09 + 0.49 + 2.89 = 4.1, sd = √0.41.
    expect(p.sd).toBeCloseTo(Math.sqrt(0.41), 12);
    expect(p.sample).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 1, 2]);
  });

  it('keeps a sorted systematic sample of at most SAMPLE_SIZE values', () => {
    const n = 10 * SAMPLE_SIZE;
    const values = Array.from({ length: n }, (_, i) => (i * 7919) % n);
    const p = numericProfile('v', values);
    expect(p.sample).toHaveLength(SAMPLE_SIZE);
    for (let k = 1; k < p.sample.length; k++) expect(p.sample[k]).toBeGreaterThanOrEqual(p.sample[k - 1]);
    // Every 10th value in order, from index 5: values[5 + 10k].
    expect(p.sample).toEqual(
      Array.from({ length: SAMPLE_SIZE }, (_, k) => values[5 + 10 * k]).sort((a, b) => a - b),
    );
    // A uniform spread: every bin holds a tenth.
    for (const share of p.proportions) expect(share).toBeCloseTo(0.1, 12);
    expect(numericProfile('v', values)).toEqual(p);
  });

  it('leaves missing values out of everything but the missing share', () => {
    const p = numericProfile('m', [1, NaN, 3, NaN]);
    expect(p).toMatchObject({ count: 2, missing: 0.5, mean: 2, sd: 1, sample: [1, 3] });
    expect(p.proportions.reduce((a, b) => a + b)).toBeCloseTo(1, 12);
    expect(numericProfile('e', [NaN])).toMatchObject({
      count: 0,
      missing: 1,
      proportions: Array(10).fill(0),
    });
  });
});

describe('categoricalProfile', () => {
  it('counts shares of known categories and the missing share apart', () => {
    const p = categoricalProfile('c', ['a', 'b', 'c'], [0, 1, 1, 2, -1, NaN, 1, 0]);
    // Known: a ×2, b ×3, c ×1 of 6; two of eight missing or unknown.
    expect(p.proportions).toEqual([2 / 6, 3 / 6, 1 / 6]);
    expect(p).toMatchObject({ count: 6, missing: 0.25, categories: ['a', 'b', 'c'] });
  });
});
