import { numericColumnDrift } from './numeric-column';
import { sortSample } from './sample';
import { expectRelativelyClose, fixture, generate } from './testing';

describe('numericColumnDrift against numpy / scipy (fixtures)', () => {
  it.each(fixture.numeric_columns.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const options = c.options as { method?: 'psi' | 'chi_square'; threshold?: number };
    const r = numericColumnDrift(generate(c.reference), generate(c.current), options);
    const e = c.expected;
    expectRelativelyClose(r.ks.statistic, e.ks.statistic, 1e-12, 'ks statistic');
    expectRelativelyClose(r.ks.pValue, e.ks.p_value, 1e-9, 'ks p-value');
    expect(r.ks.method).toBe(e.ks_method);
    expectRelativelyClose(r.wasserstein, e.wasserstein, 1e-9, 'wasserstein');
    expectRelativelyClose(r.referenceSd, e.reference_sd, 1e-12, 'reference sd');
    expectRelativelyClose(r.wassersteinNorm, e.wasserstein_norm, 1e-9, 'wasserstein_norm');
    expectRelativelyClose(r.psi, e.psi, 1e-9, 'psi');
    expectRelativelyClose(r.jensenShannon, e.jensen_shannon, 1e-9, 'jensen_shannon');
    expectRelativelyClose(r.chiSquare.statistic, e.chi_square.statistic, 1e-9, 'chi-square');
    expectRelativelyClose(r.chiSquare.pValue, e.chi_square.p_value, 1e-9, 'chi-square p-value');
    e.bins.edges.forEach((v, i) => expectRelativelyClose(r.bins.edges[i], v, 1e-12, `edge ${i}`));
    expect(r.bins.reference).toHaveLength(10);
    e.bins.reference.forEach((v, i) => expectRelativelyClose(r.bins.reference[i], v, 1e-12, `ref bin ${i}`));
    e.bins.current.forEach((v, i) => expectRelativelyClose(r.bins.current[i], v, 1e-12, `cur bin ${i}`));
    expect(r.distinctValues).toBe(e.distinct);
    expect({ reference: r.referenceDropped, current: r.currentDropped }).toEqual(e.dropped);
    expect({ method: r.test.method, threshold: r.test.threshold, drifted: r.test.drifted }).toEqual(e.test);
    expectRelativelyClose(r.test.score, e.score, 1e-9, 'score');
  });
});

describe('numericColumnDrift edge cases', () => {
  it('floors the sd of a single-value reference at 0.001', () => {
    const r = numericColumnDrift([5, 5, 5, 5], [5, 5, 6, 6]);
    expect(r.referenceSd).toBe(0);
    expect(r.wasserstein).toBe(0.5); // half the mass moves by 1
    expect(r.wassersteinNorm).toBeCloseTo(500, 9);
    expect(r.bins.edges).toEqual(new Array(9).fill(5));
    // Everything at 5 is in the first bin; 6 is above the last edge.
    expect(r.bins.reference).toEqual([1, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(r.bins.current).toEqual([0.5, 0, 0, 0, 0, 0, 0, 0, 0, 0.5]);
  });

  it('gives NaN statistics and a reason for an empty current sample, and never drift', () => {
    const r = numericColumnDrift([1, 2, 3, 4, 5, 6, 7], [NaN]);
    expect(r.reason).toBe('the current sample is empty');
    expect(r.currentDropped).toBe(1);
    for (const v of [r.ks.statistic, r.ks.pValue, r.wasserstein, r.psi, r.jensenShannon, r.test.score])
      expect(v).toBeNaN();
    expect(r.bins.current).toEqual(new Array(10).fill(NaN));
    expect(r.bins.reference.reduce((a, b) => a + b)).toBeCloseTo(1, 12);
    expect(r.test.drifted).toBe(false);
  });

  it('gives NaN everywhere, bins included, for an empty reference', () => {
    const r = numericColumnDrift([], [1, 2]);
    expect(r.reason).toBe('the reference sample is empty');
    expect(r.bins.edges).toEqual(new Array(9).fill(NaN));
    expect(r.bins.current).toEqual(new Array(10).fill(NaN));
    expect(r.wassersteinNorm).toBeNaN();
  });

  it('says why a chi-square test has no p-value', () => {
    const r = numericColumnDrift([3, 3, 3], [3, 3]);
    expect(r.test).toMatchObject({ method: 'chi_square', drifted: false });
    expect(r.test.score).toBeNaN();
    expect(r.reason).toMatch(/no degrees of freedom/);
  });

  it('accepts a reference sorted once and reuses it', () => {
    const values = generate({ gen: 'normal', seed: 5, n: 3000 });
    const sorted = sortSample(values);
    const current = generate({ gen: 'normal', seed: 6, n: 700, loc: 0.2 });
    expect(numericColumnDrift(sorted, current)).toEqual(numericColumnDrift(values, current));
  });

  it('takes an override of method and threshold', () => {
    const r = numericColumnDrift([1, 2, 3, 4, 5, 6, 7, 8], [2, 3, 4, 5, 6, 7, 8, 9], {
      method: 'wasserstein_norm',
      threshold: 2,
    });
    expect(r.test.method).toBe('wasserstein_norm');
    expect(r.test.threshold).toBe(2);
    expect(r.test.score).toBe(r.wassersteinNorm);
    expect(r.test.drifted).toBe(false);
  });
});
