import { Rng, cumulativeWeights } from './rng';

const draw = (rng: Rng, n: number) => Array.from({ length: n }, () => rng.next());

describe('Rng', () => {
  it('gives the same values for the same seed and path', () => {
    expect(draw(Rng.root(7).fork('a'), 5)).toEqual(draw(Rng.root(7).fork('a'), 5));
  });

  it('gives different values for different seeds and different paths', () => {
    expect(draw(Rng.root(7).fork('a'), 5)).not.toEqual(draw(Rng.root(8).fork('a'), 5));
    expect(draw(Rng.root(7).fork('a'), 5)).not.toEqual(draw(Rng.root(7).fork('b'), 5));
  });

  it('derives children from the path, not from the parent state or fork order', () => {
    const parent = Rng.root(1);
    parent.next();
    parent.fork('other');
    expect(draw(parent.fork('x').fork('y'), 3)).toEqual(draw(Rng.root(1).fork('x/y'), 3));
  });

  it('is uniform on [0, 1): mean 1/2, variance 1/12, every decile about 10 %', () => {
    const xs = draw(Rng.root(3), 200_000);
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const variance = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length;
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    // Standard error of the mean is sqrt(1/12 / n) ≈ 0.00065.
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.003);
    expect(Math.abs(variance - 1 / 12)).toBeLessThan(0.002);
    const deciles = new Array(10).fill(0);
    for (const x of xs) deciles[Math.floor(x * 10)]++;
    // Chi-square with 9 degrees of freedom: 27.9 is the 0.999 quantile.
    const chi2 = deciles.reduce((a, c) => a + (c - 20_000) ** 2 / 20_000, 0);
    expect(chi2).toBeLessThan(27.9);
  });

  it('draws standard normals with mean 0, sd 1 and 95 % within ±1.96', () => {
    const rng = Rng.root(4);
    const xs = Array.from({ length: 200_000 }, () => rng.normal());
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length);
    expect(Math.abs(mean)).toBeLessThan(0.01);
    expect(Math.abs(sd - 1)).toBeLessThan(0.01);
    const inside = xs.filter((x) => Math.abs(x) < 1.959964).length / xs.length;
    expect(Math.abs(inside - 0.95)).toBeLessThan(0.003);
  });

  it('draws exponentials with mean 1 and log-normals with the given median', () => {
    const rng = Rng.root(5);
    const ex = Array.from({ length: 100_000 }, () => rng.exponential());
    expect(Math.abs(ex.reduce((a, b) => a + b, 0) / ex.length - 1)).toBeLessThan(0.02);
    const ln = Array.from({ length: 100_001 }, () => rng.logNormal(30, 0.6)).sort((a, b) => a - b);
    expect(Math.abs(ln[50_000] - 30)).toBeLessThan(0.5);
  });

  it('picks indices in proportion to their weights', () => {
    const rng = Rng.root(6);
    const cumulative = cumulativeWeights([1, 0, 3]);
    const counts = [0, 0, 0];
    for (let i = 0; i < 40_000; i++) counts[rng.pickCumulative(cumulative)]++;
    expect(counts[1]).toBe(0);
    expect(Math.abs(counts[2] / 40_000 - 0.75)).toBeLessThan(0.01);
  });
});
