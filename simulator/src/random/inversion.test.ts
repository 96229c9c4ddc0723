import { normalQuantile, pickIndex, poissonQuantile } from './inversion';
import { cumulativeWeights } from './rng';

describe('sampling helpers', () => {
  it('inverts the normal CDF at known quantiles', () => {
    // Phi^-1 values from statistical tables.
    expect(normalQuantile(0.5)).toBeCloseTo(0, 9);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 5);
    expect(normalQuantile(0.025)).toBeCloseTo(-1.959964, 5);
    expect(normalQuantile(0.8413447)).toBeCloseTo(1, 5);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232, 5);
    expect(normalQuantile(1 - 1e-9)).toBeCloseTo(5.997807, 4);
  });

  it('picks categories by cumulative weight', () => {
    const cum = cumulativeWeights([0.2, 0, 0.5, 0.3]);
    expect(pickIndex(Float64Array.of(0.1), 0, cum)).toBe(0);
    expect(pickIndex(Float64Array.of(0.2), 0, cum)).toBe(2);
    expect(pickIndex(Float64Array.of(0.69), 0, cum)).toBe(2);
    expect(pickIndex(Float64Array.of(0.7), 0, cum)).toBe(3);
    expect(pickIndex(Float64Array.of(0.999), 0, cum)).toBe(3);
  });

  it('inverts the Poisson CDF', () => {
    // Poisson(2): P(0) = e^-2 = 0.135335, P(<=1) = 3e^-2 = 0.406006, P(<=2) = 5e^-2 = 0.676676.
    const lambda = Float64Array.of(7, 2);
    const e = lambda.map((l) => Math.exp(-l));
    const at = (u: number, max: number) => poissonQuantile(Float64Array.of(0.5, u), 1, lambda, e, 1, max);
    expect(at(0.1, 50)).toBe(0);
    expect(at(0.2, 50)).toBe(1);
    expect(at(0.5, 50)).toBe(2);
    expect(at(0.7, 50)).toBe(3);
    expect(at(0.9999999, 4)).toBe(4);
  });
});
