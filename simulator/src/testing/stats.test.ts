import { Rng } from '../random/rng';
import {
  binomialTolerance,
  CHI_SQUARE_999,
  chiSquare999,
  chiSquareGoodnessOfFit,
  chiSquareHomogeneity,
  chiSquareStatistic,
  countsOf,
  ksCoefficient,
  ksCritical,
  ksStatistic,
  ksTest,
  kurtosis,
  mean,
  median,
  meanDifferenceTolerance,
  sd,
  sdRatioTolerance,
  variance,
} from './stats';

describe('two-sample Kolmogorov–Smirnov', () => {
  it('computes D for [1,2,3] vs [2,3,4,5] by hand', () => {
    // F_a: 1/3 at 1, 2/3 at 2, 1 at 3.   F_b: 0 at 1, 1/4 at 2, 2/4 at 3, 3/4 at 4, 1 at 5.
    // |F_a − F_b| = 1/3, 5/12, 1/2, 1/4, 0 at 1..5, so D = 1/2 (scipy.stats.ks_2samp agrees: 0.5).
    expect(ksStatistic([1, 2, 3], [2, 3, 4, 5])).toBeCloseTo(0.5, 12);
    // Symmetric in its arguments and independent of the order of the values.
    expect(ksStatistic([5, 3, 4, 2], [3, 1, 2])).toBeCloseTo(0.5, 12);
  });

  it('steps both CDFs past tied values before comparing', () => {
    // a = [1,1,2,2,3]: F_a = 2/5, 4/5, 1 at 1, 2, 3. b = [2,2,2,3,3,3]: F_b = 0, 1/2, 1.
    // |F_a − F_b| = 0.4, 0.3, 0 so D = 0.4 (scipy: 0.4). Comparing mid-tie would give 2/5 + ... > 0.4.
    expect(ksStatistic([1, 1, 2, 2, 3], [2, 2, 2, 3, 3, 3])).toBeCloseTo(0.4, 12);
    // Identical samples, all ties: D = 0.
    expect(ksStatistic([7, 7, 7], [7, 7])).toBe(0);
    // Disjoint samples: D = 1.
    expect(ksStatistic([1, 2], [3, 4, 5])).toBe(1);
  });

  it('matches scipy on a larger case', () => {
    // Reference computed once with python3:
    //   a = [(i*37) % 101 / 10 for i in range(60)]; b = [((i*53) % 97)/9 + 0.7 for i in range(80)]
    //   scipy.stats.ks_2samp(a, b).statistic == 0.13333333333333333
    const a = Array.from({ length: 60 }, (_, i) => ((i * 37) % 101) / 10);
    const b = Array.from({ length: 80 }, (_, i) => ((i * 53) % 97) / 9 + 0.7);
    expect(ksStatistic(a, b)).toBeCloseTo(0.13333333333333333, 12);
  });

  it('has the asymptotic coefficients of the usual table', () => {
    // c(α) = sqrt(−ln(α/2)/2): c(0.05) = sqrt(ln(40)/2) = 1.3581, c(0.001) = sqrt(ln(2000)/2) = 1.9495
    // (the table on Wikipedia's "Kolmogorov–Smirnov test" page lists 1.358 and 1.949).
    expect(ksCoefficient(0.05)).toBeCloseTo(1.3581, 4);
    expect(ksCoefficient(0.001)).toBeCloseTo(1.94947, 4);
    // n = m = 200: sqrt(400 / 40000) = 0.1.
    expect(ksCritical(0.05, 200, 200)).toBeCloseTo(0.13581, 5);
  });

  it('accepts two samples of one distribution and rejects a shifted one', () => {
    const rng = Rng.root('ks');
    const a = Array.from({ length: 5000 }, () => rng.normal());
    const b = Array.from({ length: 4000 }, () => rng.normal());
    const c = Array.from({ length: 4000 }, () => rng.normal() + 0.2);
    expect(ksTest(a, b, 0.001).rejects).toBe(false);
    const shifted = ksTest(a, c, 0.001);
    expect(shifted.rejects).toBe(true);
    // A 0.2 sd shift of a normal moves the CDF by at most Φ(0.1) − Φ(−0.1) = 0.0797 (at x = 0.1).
    expect(Math.abs(shifted.statistic - 0.0797)).toBeLessThan(4 * shifted.critical);
  });
});

describe('chi-square', () => {
  it('computes Pearson statistics by hand', () => {
    // (18−25)²/25 + (22−25)²/25 + (30−25)²/25 + (30−25)²/25 = (49 + 9 + 25 + 25)/25 = 4.32
    expect(chiSquareStatistic([18, 22, 30, 30], [25, 25, 25, 25])).toBeCloseTo(4.32, 12);
    expect(chiSquareStatistic([0, 5], [0, 5])).toBe(0);
    expect(chiSquareStatistic([1, 4], [0, 5])).toBe(Infinity);
    const fit = chiSquareGoodnessOfFit([18, 22, 30, 30], [1, 1, 1, 1]);
    expect(fit.statistic).toBeCloseTo(4.32, 12);
    expect(fit.critical).toBe(CHI_SQUARE_999[2]);
    expect(fit.rejects).toBe(false);
  });

  it('computes the homogeneity statistic of a 2 × k table by hand', () => {
    // [[10,20,30],[30,20,10]]: expected 20 in every cell, statistic = 4 · 100/20 = 20, df = 2
    // (scipy.stats.chi2_contingency(..., correction=False) gives 20.0, p = 4.5e-5).
    const t = chiSquareHomogeneity([10, 20, 30], [30, 20, 10]);
    expect(t.statistic).toBeCloseTo(20, 12);
    expect(t.critical).toBe(chiSquare999(2));
    expect(t.rejects).toBe(true);
    // An empty category is left out of the degrees of freedom.
    expect(chiSquareHomogeneity([10, 0, 30], [30, 0, 10]).critical).toBe(chiSquare999(1));
    expect(chiSquareHomogeneity([10, 20, 30], [20, 40, 60]).statistic).toBeCloseTo(0, 12);
  });

  it('has a table that agrees with closed forms and the Wilson–Hilferty approximation', () => {
    // df = 1: the square of the normal 0.9995 quantile, 3.290527² = 10.8276.
    expect(chiSquare999(1)).toBeCloseTo(3.2905267 ** 2, 3);
    // df = 2 is exponential with mean 2: the quantile is −2 ln(0.001) = 13.8155.
    expect(chiSquare999(2)).toBeCloseTo(-2 * Math.log(0.001), 3);
    // Wilson–Hilferty: df · (1 − 2/(9 df) + z sqrt(2/(9 df)))³ with z = 3.0902 (normal 0.999 quantile);
    // in this far tail it is 1.7 % low at df = 3 and its error shrinks about as 1/df (0.17 % at 30).
    for (let df = 3; df <= 30; df++) {
      const h = 2 / (9 * df);
      const approx = df * (1 - h + 3.0902323 * Math.sqrt(h)) ** 3;
      expect(Math.abs(chiSquare999(df) / approx - 1)).toBeLessThan(0.07 / df);
      expect(chiSquare999(df)).toBeGreaterThan(chiSquare999(df - 1));
    }
    expect(() => chiSquare999(0)).toThrow(/df/);
    expect(() => chiSquare999(31)).toThrow(/df/);
  });

  it('counts values over a list of keys', () => {
    expect(countsOf(['a', 'c', 'a', 'b', 'a'], ['a', 'b', 'c', 'd'])).toEqual([3, 1, 1, 0]);
    expect(() => countsOf(['z'], ['a'])).toThrow(/unexpected/);
  });
});

describe('tolerances and moments', () => {
  it('binomial tolerance is k standard errors', () => {
    // p = 0.2, n = 10 000: sqrt(0.16 / 10 000) = 0.004; 4 SE = 0.016.
    expect(binomialTolerance(0.2, 10_000)).toBeCloseTo(0.016, 12);
    expect(binomialTolerance(0.5, 100, 2)).toBeCloseTo(0.1, 12);
    expect(binomialTolerance(0, 100)).toBe(0);
  });

  it('moments by hand', () => {
    // [1,2,3,4,10]: mean 4, squared deviations 9,4,1,0,36 (sum 50), fourth powers sum 1394.
    const xs = [1, 2, 3, 4, 10];
    expect(mean(xs)).toBe(4);
    expect(variance(xs)).toBeCloseTo(12.5, 12);
    expect(sd(xs)).toBeCloseTo(Math.sqrt(12.5), 12);
    // kurtosis = (1394/5) / (50/5)² = 2.788 (scipy.stats.kurtosis(fisher=False) agrees)
    expect(kurtosis(xs)).toBeCloseTo(2.788, 12);
    expect(median(xs)).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('mean and sd tolerances cover the sampling error they describe', () => {
    const rng = Rng.root('tolerances');
    const a = Array.from({ length: 20_000 }, () => rng.gaussian(10, 2));
    const b = Array.from({ length: 20_000 }, () => rng.gaussian(10, 2));
    // 4 SE of the difference: 4 · 2 · sqrt(2 / 20 000) = 0.08.
    expect(meanDifferenceTolerance(a, b)).toBeCloseTo(0.08, 2);
    expect(Math.abs(mean(a) - mean(b))).toBeLessThan(meanDifferenceTolerance(a, b));
    // For a normal κ = 3, relative SE of s = sqrt(2/(4n)) per sample: 4 · sqrt(2 · 2/(4 · 20 000)) = 0.0283.
    expect(sdRatioTolerance(a, b)).toBeCloseTo(0.0283, 2);
    expect(Math.abs(sd(a) / sd(b) - 1)).toBeLessThan(sdRatioTolerance(a, b));
  });
});
