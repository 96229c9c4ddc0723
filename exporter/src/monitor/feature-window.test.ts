import { faultBit, type SchemaField } from '@driftlab/contracts';
import { FeatureWindow } from './feature-window';

const fields: SchemaField[] = [
  { name: 'age', kind: 'numeric', min: 18, max: 80, decimals: 0, unit: 'years' },
  { name: 'region', kind: 'categorical', categories: ['north', 'south'] },
];
const MISSING = faultBit('missing');
const UNSEEN = faultBit('unseen-category');
const RANGE = faultBit('out-of-range');
const TYPE = faultBit('wrong-type');

describe('FeatureWindow', () => {
  it('keeps the last `size` instances and counts data-quality failures over exactly those', () => {
    const w = new FeatureWindow(fields, 4);
    w.push([30, 0], null, 0);
    w.push([NaN, -1], [MISSING, UNSEEN], 0);
    w.push([95, 1], [RANGE | TYPE, 0], 0);
    w.push([40, 1], null, 2); // unknown fields only
    expect(w.count).toBe(4);
    expect(w.failureRate(0, 'missing')).toBe(1 / 4);
    expect(w.failureRate(0, 'out_of_range')).toBe(1 / 4);
    expect(w.failureRate(0, 'type_violation')).toBe(1 / 4);
    expect(w.failureRate(1, 'unseen_category')).toBe(1 / 4);
    expect(w.schemaViolations).toBe(3);
    expect(Array.from(w.numericValues(0)).sort((a, b) => a - b)).toEqual([30, 40, 95]);
    expect(w.categoryCounts(1)).toEqual([1, 2, 1]);
    // Two more push the first two out.
    w.push([50, 0], null, 0);
    w.push([60, 0], null, 0);
    expect(w.count).toBe(4);
    expect(w.failureRate(0, 'missing')).toBe(0);
    expect(w.failureRate(1, 'unseen_category')).toBe(0);
    expect(w.failureRate(0, 'out_of_range')).toBe(1 / 4);
    expect(w.schemaViolations).toBe(2);
    expect(Array.from(w.numericValues(0)).sort((a, b) => a - b)).toEqual([40, 50, 60, 95]);
    expect(w.categoryCounts(1)).toEqual([2, 2, 0]);
    expect(w.pushed).toBe(6);
  });

  it('is empty-safe and refuses a nonsensical size', () => {
    const w = new FeatureWindow(fields, 3);
    expect(w.failureRate(0, 'missing')).toBeNaN();
    expect(w.numericValues(0)).toHaveLength(0);
    expect(() => new FeatureWindow(fields, 0)).toThrow(/size/);
  });
});
