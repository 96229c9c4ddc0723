import { Rng } from '../../random/rng';
import { defaultConcept, type Concept } from '../types';
import { sea } from './sea';

function streamsFor(seed: number | string): Rng[] {
  const root = Rng.root(seed).fork('features');
  return sea.features.map((f) => root.fork(f.name));
}

/** n feature vectors and labels drawn the way the engine draws them. */
function draw(seed: number | string, n: number, concept: Concept): { xs: Float64Array[]; ys: number[] } {
  const inst = sea.instantiate(Rng.root(seed).fork('world'));
  const streams = streamsFor(seed);
  const noise = Rng.root(seed).fork('noise');
  const xs: Float64Array[] = [];
  const ys: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = new Float64Array(3);
    inst.sample(streams, x);
    xs.push(x);
    ys.push(inst.label(x, concept, noise));
  }
  return { xs, ys };
}

/** Four binomial standard errors around p for n trials. */
function tol(p: number, n: number): number {
  return 4 * Math.sqrt((p * (1 - p)) / n);
}

const noiseless = (threshold: number): Concept => ({ threshold, noise: 0 });

describe('sea world: definition', () => {
  it('has three numeric attributes on [0, 10] with 3 decimals and the paper defaults', () => {
    expect(sea.name).toBe('sea');
    expect(sea.features.map((f) => f.name)).toEqual(['f1', 'f2', 'f3']);
    for (const f of sea.features) {
      expect(f).toMatchObject({ kind: 'numeric', min: 0, max: 10, decimals: 3, unit: '' });
    }
    expect(defaultConcept(sea)).toEqual({ threshold: 8, noise: 0.1 });
    expect(sea.description).toMatch(/Street & Kim/);
  });
});

describe('sea world: labelling rule (hand-checked)', () => {
  const inst = sea.instantiate(Rng.root(1));
  const noise = Rng.root(1).fork('noise');
  const label = (f1: number, f2: number, f3: number, c: Concept) =>
    inst.label(Float64Array.of(f1, f2, f3), c, noise);

  it('labels 1 when f1 + f2 <= θ and 0 above it', () => {
    // 3 + 4.9 = 7.9 <= 8
    expect(label(3, 4.9, 9.9, noiseless(8))).toBe(1);
    // 5 + 3.5 = 8.5 > 8, but <= 9 (concept 2) and <= 9.5 (concept 4)
    expect(label(5, 3.5, 0, noiseless(8))).toBe(0);
    expect(label(5, 3.5, 0, noiseless(9))).toBe(1);
    expect(label(5, 3.5, 0, noiseless(9.5))).toBe(1);
    // 3.5 + 3.6 = 7.1 > 7 (concept 3)
    expect(label(3.5, 3.6, 1, noiseless(7))).toBe(0);
    // 9.6 + 0.1 = 9.7 > 9.5
    expect(label(9.6, 0.1, 1, noiseless(9.5))).toBe(0);
  });

  it('includes the boundary f1 + f2 = θ in class 1, also where floating point rounds the sum up', () => {
    // 4 + 4 = 8 exactly
    expect(label(4, 4, 5, noiseless(8))).toBe(1);
    // 5 + 4.5 = 9.5
    expect(label(5, 4.5, 5, noiseless(9.5))).toBe(1);
    // 0.037 + 0.034 = 0.071 exactly, though the binary sum is 0.07100000000000001
    expect(label(0.037, 0.034, 5, noiseless(0.071))).toBe(1);
  });

  it('ignores f3', () => {
    for (const f3 of [0, 2.5, 10]) {
      expect(label(3, 4.9, f3, noiseless(8))).toBe(1);
      expect(label(5, 3.5, f3, noiseless(8))).toBe(0);
    }
  });

  it('scores P(y = 1 | x) including the class noise', () => {
    const inside = Float64Array.of(3, 4.9, 1);
    const outside = Float64Array.of(5, 3.5, 1);
    expect(inst.score!(inside, noiseless(8))).toBe(1);
    expect(inst.score!(outside, noiseless(8))).toBe(0);
    expect(inst.score!(inside, { threshold: 8, noise: 0.1 })).toBeCloseTo(0.9, 12);
    expect(inst.score!(outside, { threshold: 8, noise: 0.1 })).toBeCloseTo(0.1, 12);
  });
});

describe('sea world: generated data', () => {
  const n = 60_000;

  it('draws attributes uniformly on [0, 10], rounded to 3 decimals', () => {
    const { xs } = draw(7, n, defaultConcept(sea));
    for (let j = 0; j < 3; j++) {
      let sum = 0;
      let sumSq = 0;
      let outOfRange = 0;
      let unrounded = 0;
      for (const x of xs) {
        const v = x[j];
        if (!(v >= 0 && v <= 10)) outOfRange++;
        if (Math.abs(v * 1000 - Math.round(v * 1000)) > 1e-6) unrounded++;
        sum += v;
        sumSq += v * v;
      }
      expect(outOfRange).toBe(0);
      expect(unrounded).toBe(0);
      const mean = sum / n;
      const variance = sumSq / n - mean * mean;
      // U[0, 10]: mean 5, variance 100 / 12, sd of the mean sqrt(100 / 12 / n)
      expect(Math.abs(mean - 5)).toBeLessThan(4 * Math.sqrt(100 / 12 / n));
      expect(Math.abs(variance - 100 / 12)).toBeLessThan(0.15);
    }
  });

  it.each([
    // P(f1 + f2 <= θ) for θ <= 10 is the triangle area θ² / 2 over the square area 100
    [8, 0.32],
    [9, 0.405],
    [7, 0.245],
    [9.5, 0.45125],
  ])('without noise, the positive rate under θ = %p is θ²/200 = %p', (threshold, expected) => {
    const { ys } = draw(`rate-${threshold}`, n, noiseless(threshold));
    const rate = ys.reduce((a, b) => a + b, 0) / n;
    expect(Math.abs(rate - expected)).toBeLessThan(tol(expected, n));
  });

  it.each([0.1, 0.25])('flips labels at the noise rate %p', (rate) => {
    const concept = { threshold: 8, noise: rate };
    const { xs, ys } = draw(`noise-${rate}`, n, concept);
    let flipped = 0;
    for (let i = 0; i < n; i++) {
      const clean = xs[i][0] + xs[i][1] <= 8 + 1e-9 ? 1 : 0;
      if (ys[i] !== clean) flipped++;
    }
    expect(Math.abs(flipped / n - rate)).toBeLessThan(tol(rate, n));
  });

  it('is deterministic for a seed and differs between seeds', () => {
    const a = draw(42, 200, defaultConcept(sea));
    const b = draw(42, 200, defaultConcept(sea));
    const c = draw(43, 200, defaultConcept(sea));
    expect(b.xs).toEqual(a.xs);
    expect(b.ys).toEqual(a.ys);
    expect(c.xs).not.toEqual(a.xs);
  });

  it('draws each attribute from its own stream only', () => {
    const inst = sea.instantiate(Rng.root(1));
    const a = streamsFor(5);
    const b = streamsFor(5);
    b[2] = Rng.root('another').fork('f3');
    const xa = new Float64Array(3);
    const xb = new Float64Array(3);
    let differing = 0;
    let differingF3 = 0;
    for (let i = 0; i < 100; i++) {
      inst.sample(a, xa);
      inst.sample(b, xb);
      if (xb[0] !== xa[0] || xb[1] !== xa[1]) differing++;
      if (xb[2] !== xa[2]) differingF3++;
    }
    expect(differing).toBe(0);
    expect(differingF3).toBeGreaterThan(90);
  });
});
