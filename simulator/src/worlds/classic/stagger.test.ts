import { Rng } from '../../random/rng';
import { defaultConcept, type CategoricalFeature } from '../types';
import { stagger } from './stagger';

const categories = stagger.features.map((f) => (f as CategoricalFeature).categories);

/** A feature vector from category names, e.g. object('small', 'red', 'square'). */
function object(size: string, color: string, shape: string): Float64Array {
  const idx = [categories[0].indexOf(size), categories[1].indexOf(color), categories[2].indexOf(shape)];
  if (idx.includes(-1)) throw new Error(`unknown category in ${size}/${color}/${shape}`);
  return Float64Array.from(idx);
}

function streamsFor(seed: number | string): Rng[] {
  const root = Rng.root(seed).fork('features');
  return stagger.features.map((f) => root.fork(f.name));
}

const inst = stagger.instantiate(Rng.root(0));
const noise = Rng.root(0).fork('noise');
const label = (x: Float64Array, concept: number) => inst.label(x, { concept }, noise);

describe('stagger world: definition', () => {
  it('has the three categorical attributes of the paper and concept 1 by default', () => {
    expect(stagger.name).toBe('stagger');
    expect(stagger.features.map((f) => f.name)).toEqual(['size', 'color', 'shape']);
    for (const f of stagger.features) expect(f.kind).toBe('categorical');
    expect(categories[0]).toEqual(['small', 'medium', 'large']);
    expect([...categories[1]].sort()).toEqual(['blue', 'green', 'red']);
    expect([...categories[2]].sort()).toEqual(['circle', 'square', 'triangle']);
    expect(defaultConcept(stagger)).toEqual({ concept: 1 });
    expect(stagger.concept.concept).toMatchObject({ discrete: true, min: 1, max: 3 });
    expect(stagger.description).toMatch(/Schlimmer & Granger/);
  });
});

describe('stagger world: concepts (hand-checked)', () => {
  it.each([
    // object                          concept 1 (small ∧ red), 2 (green ∨ circle), 3 (medium ∨ large)
    [
      ['small', 'red', 'square'],
      [1, 0, 0],
    ],
    [
      ['small', 'red', 'circle'],
      [1, 1, 0],
    ],
    [
      ['small', 'blue', 'triangle'],
      [0, 0, 0],
    ],
    [
      ['small', 'green', 'square'],
      [0, 1, 0],
    ],
    [
      ['medium', 'red', 'square'],
      [0, 0, 1],
    ],
    [
      ['medium', 'green', 'triangle'],
      [0, 1, 1],
    ],
    [
      ['large', 'blue', 'circle'],
      [0, 1, 1],
    ],
    [
      ['large', 'red', 'triangle'],
      [0, 0, 1],
    ],
  ])('%p is labelled %p under concepts 1, 2, 3', (names, expected) => {
    const x = object(names[0], names[1], names[2]);
    expect([1, 2, 3].map((c) => label(x, c))).toEqual(expected);
    expect([1, 2, 3].map((c) => inst.score!(x, { concept: c }))).toEqual(expected);
  });

  it('has 3, 15 and 18 positive objects among the 27 for concepts 1, 2, 3', () => {
    // 1: small ∧ red → 3 shapes. 2: green (9) + circle (9) − green circles (3) = 15. 3: 2 sizes × 9 = 18.
    const counts = [0, 0, 0];
    for (const size of categories[0])
      for (const color of categories[1])
        for (const shape of categories[2]) {
          const x = object(size, color, shape);
          for (let c = 1; c <= 3; c++) counts[c - 1] += label(x, c);
        }
    expect(counts).toEqual([3, 15, 18]);
  });

  it('rejects a concept outside 1..3 with a message naming the parameter', () => {
    expect(() => label(object('small', 'red', 'circle'), 4)).toThrow(/'concept'.*1, 2 or 3/);
  });
});

describe('stagger world: generated data', () => {
  const n = 45_000;
  function draw(seed: number | string): Float64Array[] {
    const streams = streamsFor(seed);
    const out: Float64Array[] = [];
    for (let i = 0; i < n; i++) {
      const x = new Float64Array(3);
      inst.sample(streams, x);
      out.push(x);
    }
    return out;
  }
  const xs = draw('stagger');

  it('draws each attribute uniformly over its three values', () => {
    for (let j = 0; j < 3; j++) {
      const counts = [0, 0, 0];
      let invalid = 0;
      for (const x of xs) {
        if (Number.isInteger(x[j]) && x[j] >= 0 && x[j] <= 2) counts[x[j]]++;
        else invalid++;
      }
      expect(invalid).toBe(0);
      for (const c of counts)
        expect(Math.abs(c / n - 1 / 3)).toBeLessThan(4 * Math.sqrt(((1 / 3) * (2 / 3)) / n));
    }
  });

  it.each([
    [1, 1 / 9],
    [2, 5 / 9],
    [3, 2 / 3],
  ])('concept %p has positive rate %p on uniform objects', (concept, expected) => {
    const rate = xs.reduce((a, x) => a + label(x, concept), 0) / n;
    expect(Math.abs(rate - expected)).toBeLessThan(4 * Math.sqrt((expected * (1 - expected)) / n));
  });

  it('is deterministic for a seed and differs between seeds', () => {
    expect(draw('stagger').slice(0, 300)).toEqual(xs.slice(0, 300));
    expect(draw('other').slice(0, 300)).not.toEqual(xs.slice(0, 300));
  });
});
