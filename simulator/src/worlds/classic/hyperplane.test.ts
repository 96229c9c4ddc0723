import { Rng } from '../../random/rng';
import { defaultConcept, type Concept } from '../types';
import { hyperplane } from './hyperplane';

const D = 10;

function streamsFor(seed: number | string): Rng[] {
  const root = Rng.root(seed).fork('features');
  return hyperplane.features.map((f) => root.fork(f.name));
}

function concept(overrides: Partial<Record<string, number>> = {}): Concept {
  return { ...defaultConcept(hyperplane), ...overrides } as Concept;
}

function tol(p: number, n: number): number {
  return 4 * Math.sqrt((p * (1 - p)) / n);
}

/** A point with the given leading coordinates and 0 elsewhere. */
function point(...lead: number[]): Float64Array {
  const x = new Float64Array(D);
  x.set(lead);
  return x;
}

describe('hyperplane world: definition', () => {
  it('has ten numeric attributes x1..x10 on [0, 1] and the literature defaults', () => {
    expect(hyperplane.name).toBe('hyperplane');
    expect(hyperplane.features.map((f) => f.name)).toEqual(Array.from({ length: D }, (_, i) => `x${i + 1}`));
    for (const f of hyperplane.features)
      expect(f).toMatchObject({ kind: 'numeric', min: 0, max: 1, decimals: 4 });
    expect(defaultConcept(hyperplane)).toEqual({
      magnitude: 0,
      reversal: 0.1,
      reversalPeriod: 1,
      driftingFeatures: 2,
      noise: 0.05,
    });
    expect(hyperplane.description).toMatch(/Hulten, Spencer & Domingos/);
  });

  it('initialises the weights uniformly on [0, 1] from the instantiate stream', () => {
    const a = hyperplane.instantiate(Rng.root(3).fork('world'));
    const b = hyperplane.instantiate(Rng.root(3).fork('world'));
    const c = hyperplane.instantiate(Rng.root(4).fork('world'));
    expect(Array.from(b.weights)).toEqual(Array.from(a.weights));
    expect(Array.from(c.weights)).not.toEqual(Array.from(a.weights));
    for (const w of a.weights) expect(w >= 0 && w < 1).toBe(true);
    // Mean of 10 × 400 initial weights ≈ 0.5 (sd of the mean sqrt(1/12/4000) ≈ 0.0046).
    let sum = 0;
    for (let s = 0; s < 400; s++) for (const w of hyperplane.instantiate(Rng.root(`w${s}`)).weights) sum += w;
    expect(Math.abs(sum / 4000 - 0.5)).toBeLessThan(4 * Math.sqrt(1 / 12 / 4000));
  });
});

describe('hyperplane world: labelling rule (hand-checked)', () => {
  const inst = hyperplane.instantiate(Rng.root(1));
  const noise = Rng.root(1).fork('noise');
  const clean = concept({ noise: 0 });

  it('labels 1 iff Σ w_i x_i >= w_0 = ½ Σ w_i', () => {
    inst.weights.fill(0);
    inst.weights[0] = 1;
    // w = (1, 0, ..., 0): w_0 = 0.5, so the label is x1 >= 0.5
    expect(inst.threshold()).toBe(0.5);
    expect(inst.label(point(0.7, 0.9), clean, noise)).toBe(1);
    expect(inst.label(point(0.5), clean, noise)).toBe(1);
    expect(inst.label(point(0.3, 1, 1, 1), clean, noise)).toBe(0);

    inst.weights.fill(0.1);
    inst.weights[1] = 0.6;
    // w = (0.1, 0.6, 0.1 × 8): Σ w = 1.5, w_0 = 0.75
    expect(inst.threshold()).toBeCloseTo(0.75, 12);
    // x = (1, 1, 0, ...): 0.1 + 0.6 = 0.7 < 0.75
    expect(inst.label(point(1, 1), clean, noise)).toBe(0);
    // x = (1, 1, 1, 0, ...): 0.1 + 0.6 + 0.1 = 0.8 >= 0.75
    expect(inst.label(point(1, 1, 1), clean, noise)).toBe(1);
    // x = (0, 1, 0.5, 0.5, ...): 0.6 + 0.1 × 0.5 × 8 = 1.0 >= 0.75
    expect(inst.label(Float64Array.of(0, 1, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5), clean, noise)).toBe(1);
  });

  it('moves the threshold with the weights', () => {
    inst.weights.fill(0);
    inst.weights[0] = 1;
    inst.weights[1] = 1;
    // w = (1, 1, 0, ...): w_0 = 1; x = (0.6, 0.6): 1.2 >= 1; x = (0.9, 0.3): 1.2 >= 1
    expect(inst.label(point(0.6, 0.6), clean, noise)).toBe(1);
    expect(inst.label(point(0.9, 0.3), clean, noise)).toBe(1);
    inst.weights[1] = 3;
    // w = (1, 3, 0, ...): w_0 = 2; x = (0.6, 0.6): 0.6 + 1.8 = 2.4 >= 2 still, but x = (0.9, 0.3): 0.9 + 0.9 = 1.8 < 2
    expect(inst.threshold()).toBe(2);
    expect(inst.label(point(0.6, 0.6), clean, noise)).toBe(1);
    expect(inst.label(point(0.9, 0.3), clean, noise)).toBe(0);
  });

  it('scores P(y = 1 | x) including the label noise', () => {
    inst.weights.fill(0);
    inst.weights[0] = 1;
    expect(inst.score!(point(0.8), clean)).toBe(1);
    expect(inst.score!(point(0.2), clean)).toBe(0);
    expect(inst.score!(point(0.8), concept({ noise: 0.05 }))).toBeCloseTo(0.95, 12);
    expect(inst.score!(point(0.2), concept({ noise: 0.05 }))).toBeCloseTo(0.05, 12);
  });
});

describe('hyperplane world: drift', () => {
  it('does not move the weights when magnitude is 0', () => {
    const inst = hyperplane.instantiate(Rng.root(9));
    const before = Array.from(inst.weights);
    for (let i = 0; i < 10_000; i++) inst.advance!(concept({ magnitude: 0 }));
    expect(Array.from(inst.weights)).toEqual(before);
  });

  it('moves exactly the first driftingFeatures weights by ±magnitude per event', () => {
    const inst = hyperplane.instantiate(Rng.root(9));
    const c = concept({ magnitude: 0.01, driftingFeatures: 3 });
    let wrongDrifting = 0;
    let movedFixed = 0;
    for (let step = 0; step < 200; step++) {
      const before = Array.from(inst.weights);
      inst.advance!(c);
      for (let i = 0; i < D; i++) {
        const delta = inst.weights[i] - before[i];
        if (i < 3 && Math.abs(Math.abs(delta) - 0.01) > 1e-12) wrongDrifting++;
        if (i >= 3 && delta !== 0) movedFixed++;
      }
    }
    expect(wrongDrifting).toBe(0);
    expect(movedFixed).toBe(0);
  });

  it('keeps the direction when reversal is 0 and flips it every event when reversal is 1', () => {
    const steady = hyperplane.instantiate(Rng.root(11));
    const start = Array.from(steady.weights);
    const dirs = Array.from(steady.directions);
    for (let i = 0; i < 100; i++) steady.advance!(concept({ magnitude: 0.001, reversal: 0 }));
    // 100 steps of 0.001 in one direction: ±0.1
    for (let i = 0; i < 2; i++) expect(steady.weights[i] - start[i]).toBeCloseTo(dirs[i] * 0.1, 10);

    const flipping = hyperplane.instantiate(Rng.root(11));
    for (let i = 0; i < 100; i++) flipping.advance!(concept({ magnitude: 0.001, reversal: 1 }));
    // +0.001, −0.001, ... an even number of steps returns to the start
    for (let i = 0; i < 2; i++) expect(flipping.weights[i]).toBeCloseTo(start[i], 10);
  });

  it('reverses a direction with probability `reversal` per check', () => {
    const inst = hyperplane.instantiate(Rng.root(12));
    const c = concept({ magnitude: 0.001, reversal: 0.1, driftingFeatures: 2 });
    const n = 20_000;
    let reversals = 0;
    for (let t = 0; t < n; t++) {
      const before = [inst.directions[0], inst.directions[1]];
      inst.advance!(c);
      if (inst.directions[0] !== before[0]) reversals++;
      if (inst.directions[1] !== before[1]) reversals++;
    }
    expect(Math.abs(reversals / (2 * n) - 0.1)).toBeLessThan(tol(0.1, 2 * n));
  });

  it('only checks for reversals every reversalPeriod events', () => {
    const inst = hyperplane.instantiate(Rng.root(13));
    const c = concept({ magnitude: 0.001, reversal: 1, reversalPeriod: 5, driftingFeatures: 1 });
    const steps: number[] = [];
    for (let t = 0; t < 20; t++) {
      const before = inst.weights[0];
      inst.advance!(c);
      steps.push(Math.sign(inst.weights[0] - before));
    }
    // With certain reversal at every 5th event, the direction is constant within blocks of 5.
    for (let block = 0; block < 4; block++) {
      const s = steps.slice(5 * block, 5 * block + 5);
      expect(new Set(s).size).toBe(1);
      if (block > 0) expect(s[0]).toBe(-steps[5 * block - 1]);
    }
  });

  it('changes the labels of fixed points as the weights drift', () => {
    const inst = hyperplane.instantiate(Rng.root(14));
    const noise = Rng.root(14).fork('noise');
    const clean = concept({ noise: 0 });
    const streams = streamsFor(14);
    const probes: Float64Array[] = [];
    for (let i = 0; i < 500; i++) {
      const x = new Float64Array(D);
      inst.sample(streams, x);
      probes.push(x);
    }
    const before = probes.map((x) => inst.label(x, clean, noise));
    for (let t = 0; t < 2_000; t++)
      inst.advance!(concept({ magnitude: 0.001, reversal: 0, driftingFeatures: 5 }));
    // Five weights moved by 2 each (in ±, no reversal): the hyperplane has turned a lot.
    const after = probes.map((x) => inst.label(x, clean, noise));
    expect(after.filter((y, i) => y !== before[i]).length).toBeGreaterThan(25);
  });

  it('is deterministic: same seed, same drift trajectory', () => {
    const run = (seed: number) => {
      const inst = hyperplane.instantiate(Rng.root(seed));
      for (let t = 0; t < 1_000; t++) inst.advance!(concept({ magnitude: 0.002 }));
      return Array.from(inst.weights);
    };
    expect(run(21)).toEqual(run(21));
    expect(run(22)).not.toEqual(run(21));
  });
});

describe('hyperplane world: generated data', () => {
  const n = 40_000;

  it('draws coordinates uniformly on [0, 1] with 4 decimals', () => {
    const inst = hyperplane.instantiate(Rng.root(30));
    const streams = streamsFor(30);
    const x = new Float64Array(D);
    const sums = new Float64Array(D);
    let outOfRange = 0;
    let unrounded = 0;
    for (let t = 0; t < n; t++) {
      inst.sample(streams, x);
      for (let i = 0; i < D; i++) {
        if (!(x[i] >= 0 && x[i] <= 1)) outOfRange++;
        if (Math.abs(x[i] * 1e4 - Math.round(x[i] * 1e4)) > 1e-6) unrounded++;
        sums[i] += x[i];
      }
    }
    expect(outOfRange).toBe(0);
    expect(unrounded).toBe(0);
    for (let i = 0; i < D; i++) expect(Math.abs(sums[i] / n - 0.5)).toBeLessThan(4 * Math.sqrt(1 / 12 / n));
  });

  it.each([
    ['without drift', 0],
    ['while drifting', 0.0005],
  ])('labels about half the points positive %s', (_name, magnitude) => {
    const inst = hyperplane.instantiate(Rng.root(31));
    const streams = streamsFor(31);
    const noise = Rng.root(31).fork('noise');
    const c = concept({ magnitude, noise: 0 });
    const x = new Float64Array(D);
    let positives = 0;
    for (let t = 0; t < n; t++) {
      inst.sample(streams, x);
      inst.advance!(c);
      positives += inst.label(x, c, noise);
    }
    expect(Math.abs(positives / n - 0.5)).toBeLessThan(tol(0.5, n));
  });

  it('flips labels at the noise rate', () => {
    const inst = hyperplane.instantiate(Rng.root(32));
    const streams = streamsFor(32);
    const noise = Rng.root(32).fork('noise');
    const x = new Float64Array(D);
    let flipped = 0;
    for (let t = 0; t < n; t++) {
      inst.sample(streams, x);
      // The test's own rule: Σ w_i x_i >= ½ Σ w_i
      let s = 0;
      let ws = 0;
      for (let i = 0; i < D; i++) {
        s += inst.weights[i] * x[i];
        ws += inst.weights[i];
      }
      const clean = s >= ws / 2 ? 1 : 0;
      if (inst.label(x, concept({ noise: 0.05 }), noise) !== clean) flipped++;
    }
    expect(Math.abs(flipped / n - 0.05)).toBeLessThan(tol(0.05, n));
  });
});
