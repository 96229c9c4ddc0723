import {
  floorProportions,
  jensenShannonDistance,
  populationStabilityIndex,
  PROPORTION_FLOOR,
  proportionsOf,
} from './divergence';
import { expectRelativelyClose, fixture } from './testing';

describe('PSI and Jensen–Shannon against numpy / scipy on floored shares (fixtures)', () => {
  it.each(fixture.divergence.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    expectRelativelyClose(populationStabilityIndex(c.reference, c.current), c.psi, 1e-12, 'psi');
    expectRelativelyClose(jensenShannonDistance(c.reference, c.current), c.jensen_shannon, 1e-12, 'js');
  });
});

describe('by hand', () => {
  it('PSI of halves vs quarters is ¼ ln 3', () => {
    // (0.25 − 0.5) ln(0.5) + (0.75 − 0.5) ln(1.5) = 0.25 (ln 2 + ln 1.5).
    expect(populationStabilityIndex([0.5, 0.5], [0.25, 0.75])).toBeCloseTo(0.25 * Math.log(3), 15);
  });

  it('Jensen–Shannon of halves vs quarters, base 2', () => {
    const m = [0.375, 0.625];
    const kl = (p: number[]) => p.reduce((s, v, i) => s + v * Math.log(v / m[i]), 0);
    const expected = Math.sqrt((kl([0.5, 0.5]) + kl([0.25, 0.75])) / 2 / Math.LN2);
    expect(jensenShannonDistance([0.5, 0.5], [0.25, 0.75])).toBeCloseTo(expected, 15);
  });

  it('is 0 for equal shares and near 1 for disjoint ones', () => {
    expect(populationStabilityIndex([0.2, 0.8], [0.2, 0.8])).toBe(0);
    expect(jensenShannonDistance([0.2, 0.8], [0.2, 0.8])).toBe(0);
    expect(jensenShannonDistance([1, 0], [0, 1])).toBeGreaterThan(0.99);
    expect(jensenShannonDistance([1, 0], [0, 1])).toBeLessThan(1);
  });

  it('floors at 1e-4 before any logarithm: an empty bin stays finite', () => {
    expect(PROPORTION_FLOOR).toBe(1e-4);
    expect(floorProportions([0, 0.5, 0.00001])).toEqual([1e-4, 0.5, 1e-4]);
    // 0 vs 0.5: (0.5 − 1e-4) ln(0.5 / 1e-4), and the other bin 0.5 vs 1 → −0.5 ln 0.5.
    const expected = (0.5 - 1e-4) * Math.log(0.5 / 1e-4) - 0.5 * Math.log(0.5);
    expect(populationStabilityIndex([0, 1], [0.5, 0.5])).toBeCloseTo(expected, 14);
  });

  it('gives shares of counts, NaN when there are none', () => {
    expect(proportionsOf([1, 3, 0])).toEqual([0.25, 0.75, 0]);
    expect(proportionsOf([0, 0])).toEqual([NaN, NaN]);
    expect(populationStabilityIndex([0.5, 0.5], [NaN, NaN])).toBeNaN();
  });

  it('refuses vectors of different lengths', () => {
    expect(() => populationStabilityIndex([1], [0.5, 0.5])).toThrow(/1 reference proportions but 2 current/);
  });
});
