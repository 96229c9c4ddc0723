import { faultBit } from '@driftlab/contracts';
import { getWorld } from '@driftlab/simulator';
import { DEFAULT_INPUT_POLICY, STRICT_INPUT_POLICY, type InputPolicy } from './input-policy';
import { validateInstances } from './validate-instances';

// A two-feature schema taken from the credit world: age (numeric, 18–80) and region (categorical).
const credit = getWorld('credit')!;
const schema = credit.features.filter((f) => f.name === 'age' || f.name === 'region');
const AGE_MEAN = 41;
const NORTH = 0;
const imputation = [AGE_MEAN, NORTH];
const regionIndex = (r: string) => (schema[1].kind === 'categorical' ? schema[1].categories.indexOf(r) : -1);

const check = (instances: unknown[], policy: InputPolicy = DEFAULT_INPUT_POLICY) =>
  validateInstances(instances, schema, policy, imputation);

describe('validateInstances', () => {
  it('turns valid instances into feature vectors in schema order', () => {
    const { rows, errors, faults } = check([
      { age: 30, region: 'south' },
      { region: 'west', age: 64 },
    ]);
    expect(errors).toEqual([]);
    expect(faults.size).toBe(0);
    expect(rows.map((r) => Array.from(r!))).toEqual([
      [30, regionIndex('south')],
      [64, regionIndex('west')],
    ]);
  });

  it('imputes and counts missing values under the default policy', () => {
    const { rows, errors, faults } = check([{ region: 'east' }, { age: null, region: null }]);
    expect(errors).toEqual([]);
    expect(Array.from(rows[0]!)).toEqual([AGE_MEAN, regionIndex('east')]);
    expect(Array.from(rows[1]!)).toEqual([AGE_MEAN, NORTH]);
    expect(faults.get('age')?.get('missing')).toBe(2);
    expect(faults.get('region')?.get('missing')).toBe(1);
  });

  it('rejects missing values under the strict policy, naming instance, field and expectation', () => {
    const { rows, errors } = check([{ age: 30, region: 'south' }, { region: 'east' }], STRICT_INPUT_POLICY);
    expect(rows[0]).not.toBeNull();
    expect(rows[1]).toBeNull();
    expect(errors).toEqual([
      {
        instance: 1,
        field: 'age',
        problem: 'missing',
        message: 'missing; expected a number from 18 to 80 (years)',
      },
    ]);
  });

  it('coerces numeric strings by default and rejects them when strict; always rejects other strings', () => {
    const lenient = check([{ age: ' 52 ', region: 'south' }]);
    expect(Array.from(lenient.rows[0]!)).toEqual([52, regionIndex('south')]);
    expect(lenient.faults.get('age')?.get('wrong-type')).toBe(1);
    expect(check([{ age: '52', region: 'south' }], STRICT_INPUT_POLICY).errors[0]).toMatchObject({
      field: 'age',
      problem: 'wrong-type',
      message: 'expected a number, got the string "52"',
    });
    expect(check([{ age: 'fifty', region: 'south' }]).errors[0]).toMatchObject({
      problem: 'wrong-type',
      message: 'expected a number from 18 to 80 (years), got "fifty"',
    });
    expect(check([{ age: true, region: 'south' }]).errors[0].message).toMatch(/got true$/);
  });

  it('always rejects non-finite values', () => {
    for (const value of ['NaN', 'Infinity', '-inf', '1e999']) {
      const { rows, errors } = check([{ age: value, region: 'south' }]);
      expect(rows[0]).toBeNull();
      expect(errors[0]).toMatchObject({ field: 'age', problem: 'non-finite' });
    }
  });

  it('maps unseen categories to -1 and counts them by default; rejects them when strict', () => {
    const lenient = check([{ age: 30, region: 'atlantis' }]);
    expect(Array.from(lenient.rows[0]!)).toEqual([30, -1]);
    expect(lenient.faults.get('region')?.get('unseen-category')).toBe(1);
    const strict = check([{ age: 30, region: 'atlantis' }], STRICT_INPUT_POLICY);
    expect(strict.errors[0].message).toBe(
      'unseen category "atlantis"; expected one of: north, south, east, west, central',
    );
    expect(check([{ age: 30, region: 3 }]).errors[0]).toMatchObject({ problem: 'wrong-type' });
  });

  it('accepts and counts out-of-range values by default; rejects them when strict', () => {
    expect(
      check([{ age: 130, region: 'south' }])
        .faults.get('age')
        ?.get('out-of-range'),
    ).toBe(1);
    expect(check([{ age: 130, region: 'south' }]).rows[0]).not.toBeNull();
    expect(check([{ age: 130, region: 'south' }], STRICT_INPUT_POLICY).errors[0].message).toBe(
      '130 is outside 18 to 80',
    );
  });

  it('ignores and counts unknown fields by default; rejects them when strict', () => {
    const lenient = check([{ age: 30, region: 'south', years: 30 }]);
    expect(lenient.errors).toEqual([]);
    expect(lenient.faults.get('years')?.get('unknown-field')).toBe(1);
    expect(check([{ age: 30, region: 'south', years: 30 }], STRICT_INPUT_POLICY).errors[0]).toMatchObject({
      field: 'years',
      problem: 'unknown-field',
      message: 'unknown field; expected only: age, region',
    });
  });

  it('rejects instances that are not objects without looking further', () => {
    const { rows, errors } = check([[1, 2], 'x', null, { age: 20, region: 'north' }]);
    expect(rows.map((r) => r === null)).toEqual([true, true, true, false]);
    expect(errors.map((e) => e.message)).toEqual([
      'expected an object of feature values, got a list',
      'expected an object of feature values, got "x"',
      'expected an object of feature values, got null',
    ]);
  });

  it('reports the values as sent, before imputation, with per-value fault bits, for the exporter', () => {
    const batch = check([
      { age: 30, region: 'south' },
      { age: null, region: 'atlantis', nickname: 'x', shoe: 42 },
      { age: '95', region: 7 },
      'not an object',
    ]);
    expect(batch.observed.map((o) => Array.from(o))).toEqual([
      [30, regionIndex('south')],
      [NaN, -1],
      [95, NaN],
      [NaN, NaN],
    ]);
    expect(batch.faultBits.map((b) => Array.from(b))).toEqual([
      [0, 0],
      [faultBit('missing'), faultBit('unseen-category')],
      [faultBit('wrong-type') | faultBit('out-of-range'), faultBit('wrong-type')],
      [0, 0],
    ]);
    expect(batch.unknownFields).toEqual([0, 2, 0, 0]);
    // The row the model sees is imputed; the observed one is not.
    expect(Array.from(batch.rows[1]!)).toEqual([AGE_MEAN, -1]);
  });
});
