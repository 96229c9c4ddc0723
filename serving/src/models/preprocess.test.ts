import type { FeatureSpec } from '@driftlab/simulator';
import { ModelError } from './errors';
import { matrix } from './linalg';
import { Preprocessor, recordToVector } from './preprocess';

const FEATURES: FeatureSpec[] = [
  { name: 'a', kind: 'numeric', unit: '', description: '', min: 0, max: 10, decimals: 0 },
  { name: 'c', kind: 'categorical', description: '', categories: ['x', 'y', 'z'] },
  { name: 'k', kind: 'numeric', unit: '', description: '', min: 0, max: 10, decimals: 0 },
];

/** Rows (a, c, k): a = 1..4, c = x, y, z, y, k constant 5. */
function rows() {
  const m = matrix(4, 3);
  m.data.set([1, 0, 5, 2, 1, 5, 3, 2, 5, 4, 1, 5]);
  return m;
}

// a: mean 2.5, population variance (2.25 + 0.25 + 0.25 + 2.25) / 4 = 1.25, sd = √1.25 ≈ 1.118034.
const SD_A = Math.sqrt(1.25);

describe('Preprocessor', () => {
  const pre = Preprocessor.fit(FEATURES, rows());

  it('standardises numeric features and one-hot encodes categories without the first', () => {
    expect(pre.names).toEqual(['a', 'c=y', 'c=z', 'k']);
    expect(pre.width).toBe(4);
    expect(pre.spec.columns[0]).toEqual({ name: 'a', kind: 'numeric', mean: 2.5, sd: SD_A });
    const out = pre.transform(Float64Array.from([3, 2, 5]));
    expect(out[0]).toBeCloseTo(0.5 / SD_A, 12);
    expect(Array.from(out.subarray(1))).toEqual([0, 1, 0]);
    // The reference category (x) has no column: all zeros.
    expect(Array.from(pre.transform([1, 0, 5]).subarray(1, 3))).toEqual([0, 0]);
  });

  it('gives a constant feature sd 1, like StandardScaler, so drift in it stays finite', () => {
    expect(pre.spec.columns[2]).toEqual({ name: 'k', kind: 'numeric', mean: 5, sd: 1 });
    expect(pre.transform([0, 0, 7])[3]).toBe(2);
  });

  it('maps unknown categories and missing values to zeros, i.e. the reference or the training mean', () => {
    for (const c of [-1, NaN, 3, 1.5]) expect(Array.from(pre.transform([NaN, c, NaN]))).toEqual([0, 0, 0, 0]);
    expect(Array.from(pre.transformRecord({ a: null, c: 'w' }))).toEqual([0, 0, 0, 0]);
  });

  it('gives the same design vector from a payload record as from the feature vector', () => {
    const fromVector = pre.transform([4, 1, 6]);
    const fromRecord = pre.transformRecord({ a: 4, c: 'y', k: 6, extra: 'ignored' });
    expect(Array.from(fromRecord)).toEqual(Array.from(fromVector));
  });

  it('refuses a record value of the wrong type, naming the field', () => {
    expect(() => pre.transformRecord({ a: '3', c: 'y', k: 1 })).toThrow(ModelError);
    expect(() => pre.transformRecord({ a: '3', c: 'y', k: 1 })).toThrow(
      /^a: expected a finite number or null, got "3"$/,
    );
    expect(() => pre.transformRecord({ a: Infinity, c: 'y', k: 1 })).toThrow(/^a: /);
    expect(() => pre.transformRecord({ a: 1, c: 2, k: 1 })).toThrow(
      /^c: expected a category name or null, got 2$/,
    );
  });

  it('writes into a given buffer at an offset, allocating nothing', () => {
    const buf = new Float64Array(10).fill(9);
    expect(pre.transform([2.5, 2, 5], buf, 3)).toBe(buf);
    expect(Array.from(buf)).toEqual([9, 9, 9, 0, 0, 1, 0, 9, 9, 9]);
    expect(pre.transformRecord({ a: 2.5, c: 'y', k: 5 }, buf, 0)).toBe(buf);
    expect(Array.from(buf.subarray(0, 4))).toEqual([0, 1, 0, 0]);
  });

  it('ignores missing values when fitting', () => {
    const m = matrix(3, 3);
    m.data.set([1, 0, 1, NaN, 0, 1, 3, 0, 1]);
    expect(Preprocessor.fit(FEATURES, m).spec.columns[0]).toEqual({
      name: 'a',
      kind: 'numeric',
      mean: 2,
      sd: 1,
    });
  });

  it('round-trips through plain JSON', () => {
    const again = Preprocessor.fromSpec(JSON.parse(JSON.stringify(pre.spec)));
    expect(again.spec).toEqual(pre.spec);
    expect(Array.from(again.transform([3.3, 1, 4]))).toEqual(Array.from(pre.transform([3.3, 1, 4])));
  });

  it('names the field when a spec is damaged', () => {
    const bad = (columns: unknown) => () => Preprocessor.fromSpec({ columns });
    expect(bad(undefined)).toThrow(/^preprocessing.columns: expected an array, got nothing$/);
    expect(bad([{ name: 'a', kind: 'numeric', mean: 0 }])).toThrow(
      /columns\[0\].sd: expected a finite number/,
    );
    expect(bad([{ name: 'a', kind: 'numeric', mean: 0, sd: 0 }])).toThrow(
      /columns\[0\].sd: expected a positive/,
    );
    expect(bad([{ name: 'a', kind: 'text' }])).toThrow(
      /columns\[0\].kind: expected 'numeric' or 'categorical'/,
    );
    expect(bad([{ name: 'c', kind: 'categorical', categories: ['x', 'x'] }])).toThrow(/distinct categories/);
    expect(bad([{ name: 'c', kind: 'categorical', categories: [] }])).toThrow(/at least one category/);
    expect(
      bad([
        { name: 'a', kind: 'numeric', mean: 0, sd: 1 },
        { name: 'a', kind: 'numeric', mean: 0, sd: 1 },
      ]),
    ).toThrow(/columns\[1\].name: expected a name not used/);
  });
});

describe('recordToVector', () => {
  it('turns a payload into indices, NaN for missing and −1 for an unknown category', () => {
    const v = recordToVector(FEATURES, { a: 2, c: 'z', k: null });
    expect(Array.from(v)).toEqual([2, 2, NaN]);
    expect(Array.from(recordToVector(FEATURES, { a: 'x', c: 'nope' }))).toEqual([NaN, -1, NaN]);
  });
});
