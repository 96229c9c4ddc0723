import { kolmogorovSmirnovSf, ldexp, smirnovSf } from './kstwo';
import { expectRelativelyClose, fixture, mismatches } from './testing';

describe('kolmogorovSmirnovSf against scipy.stats.kstwo.sf (fixtures)', () => {
  // n from 1 to 2,000,000 and x across every method's region (n·x² from 0.01 to 400, x near 1/n and 1).
  it(`matches on all ${fixture.kstwo.length} points to 1e-9 relative`, () => {
    const failed = mismatches(
      fixture.kstwo,
      (c) => `n = ${c.n}, x = ${c.x}`,
      (c) => expectRelativelyClose(kolmogorovSmirnovSf(c.n, c.x), c.sf, 1e-9),
    );
    expect(failed).toEqual([]);
  });
});

describe('smirnovSf against scipy.special.smirnov (fixtures)', () => {
  it(`matches on all ${fixture.smirnov.length} points to 1e-9 relative`, () => {
    const failed = mismatches(
      fixture.smirnov,
      (c) => `n = ${c.n}, x = ${c.x}`,
      (c) => expectRelativelyClose(smirnovSf(c.n, c.x), c.sf, 1e-9),
    );
    expect(failed).toEqual([]);
  });
});

describe('closed forms', () => {
  it('has P(D_1 ≥ x) = 1 − (2x − 1) for x in [1/2, 1]', () => {
    // One point: D_1 = max(U, 1 − U) ≥ x with probability 2(1 − x).
    expect(kolmogorovSmirnovSf(1, 0.75)).toBeCloseTo(0.5, 14);
    expect(kolmogorovSmirnovSf(1, 0.4)).toBe(1);
    expect(kolmogorovSmirnovSf(5, 1)).toBe(0);
  });

  it('has P(D_n⁺ ≥ x) = (1 − x)^n for x ≥ 1 − 1/n', () => {
    expect(smirnovSf(4, 0.8)).toBeCloseTo(0.2 ** 4, 15);
    expect(smirnovSf(1, 0.3)).toBeCloseTo(0.7, 15);
  });

  it('rejects arguments outside the domain', () => {
    expect(kolmogorovSmirnovSf(2.5, 0.3)).toBeNaN();
    expect(smirnovSf(3, 1.5)).toBeNaN();
  });

  it('scales by powers of two beyond the double range in steps', () => {
    expect(ldexp(2 ** 600, -1500)).toBe(2 ** -900);
    expect(ldexp(2 ** -600, 1500)).toBe(2 ** 900);
  });
});
