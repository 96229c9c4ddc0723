/*
 * Test support for the drift statistics (not built): the data generator the fixture script
 * (exporter/tools/drift_fixtures.py) uses, so large samples are regenerated rather than stored, and a
 * relative comparison for values from 1 down to 1e-300.
 */
import fixture from './fixtures/scipy.json';
import { mulberry32 } from '../testing/random';

export type DataSpec =
  | readonly (number | string | null)[]
  | {
      /** normal | uniform | integer | decimal */
      readonly gen: string;
      readonly seed: number;
      readonly n: number;
      readonly loc?: number;
      readonly scale?: number;
      readonly k?: number;
    };

/** Expands a spec exactly as generate() in drift_fixtures.py; "NaN"/"Infinity" strings in lists too. */
export function generate(spec: DataSpec): Float64Array {
  if (Array.isArray(spec)) return Float64Array.from(spec as (number | string | null)[], (v) => Number(v));
  const { gen, seed, n, loc = 0, scale = 1, k = 0 } = spec as Exclude<DataSpec, readonly unknown[]>;
  const next = mulberry32(seed);
  const out = new Float64Array(n);
  const irwinHall = () => {
    let s = 0;
    for (let j = 0; j < 12; j++) s += next();
    return s;
  };
  for (let i = 0; i < n; i++) {
    if (gen === 'normal') out[i] = loc + scale * (irwinHall() - 6);
    else if (gen === 'uniform') out[i] = loc + scale * next();
    else if (gen === 'integer') out[i] = Math.floor(next() * k) + loc;
    else if (gen === 'decimal') out[i] = Math.floor((loc + scale * (irwinHall() - 6)) * 10) / 10;
    else throw new Error(`unknown generator ${gen}`);
  }
  return out;
}

/** |actual − expected| ≤ rel·|expected| (or both NaN, or both 0): to 1e-9 relative by default. */
export function expectRelativelyClose(actual: number, expected: number | null, rel = 1e-9, label = ''): void {
  const want = expected === null ? NaN : expected;
  if (Number.isNaN(want)) {
    if (!Number.isNaN(actual)) throw new Error(`${label}: expected NaN, got ${actual}`);
    return;
  }
  const error = Math.abs(actual - want);
  if (!(error <= rel * Math.abs(want)))
    throw new Error(`${label}: expected ${want}, got ${actual} (relative error ${error / Math.abs(want)})`);
}

/** The cases of a grid whose value is not within `rel` of scipy's, as readable lines (none: []). */
export function mismatches<T>(cases: readonly T[], label: (c: T) => string, check: (c: T) => void): string[] {
  const failed: string[] = [];
  for (const c of cases) {
    try {
      check(c);
    } catch (e) {
      failed.push(`${label(c)}: ${(e as Error).message}`);
    }
  }
  return failed;
}

export { fixture };
