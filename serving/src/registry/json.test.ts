import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RegistryError } from './errors';
import { jsonIssue, readJsonObject, serialiseObject } from './json';

describe('jsonIssue', () => {
  it('accepts plain JSON, including undefined properties that stringify drops', () => {
    expect(jsonIssue({ a: [1, 'x', true, null, { b: -0.5 }], c: undefined }, 'v')).toBeNull();
    expect(jsonIssue(Object.assign(Object.create(null), { a: 1 }), 'v')).toBeNull();
    const shared = { x: 1 };
    expect(jsonIssue({ a: shared, b: [shared] }, 'v')).toBeNull(); // shared, not cyclic
  });

  it.each([
    [{ w: [1, NaN] }, 'v.w[1]: NaN is not a JSON number'],
    [{ w: Infinity }, 'v.w: Infinity is not a JSON number'],
    [{ f: () => 1 }, 'v.f: a function is not JSON'],
    [{ n: 10n }, 'v.n: a bigint is not JSON'],
    [{ a: [undefined] }, 'v.a[0]: missing or undefined'],
    [{ a: [1, , 3] }, 'v.a[1]: missing or undefined'], // eslint-disable-line no-sparse-arrays
    [{ t: new Date(0) }, 'v.t: a Date is not a plain JSON object'],
    [{ t: new Float64Array(2) }, 'v.t: a Float64Array is not a plain JSON object'],
    [{ m: new Map() }, 'v.m: a Map is not a plain JSON object'],
  ])('finds what JSON.stringify would silently change in %p', (value, issue) => {
    expect(jsonIssue(value, 'v')).toMatch(issue);
  });

  it('finds cycles', () => {
    const a: Record<string, unknown> = { b: {} };
    (a.b as Record<string, unknown>).a = a;
    expect(jsonIssue(a, 'v')).toBe('v.b.a: refers back to itself (cycle)');
  });
});

describe('serialiseObject and readJsonObject', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'json-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('serialises objects only', () => {
    expect(serialiseObject({ a: 1 }, 'x')).toBe('{"a":1}');
    expect(() => serialiseObject(3, 'metrics')).toThrow('metrics: expected a JSON object, got number 3');
    expect(() => serialiseObject(null, 'metrics')).toThrow('got null');
  });

  it('names the file and the problem when reading', () => {
    const read = (text: string | null) => {
      const file = join(dir, 'f.json');
      rmSync(file, { force: true });
      if (text !== null) writeFileSync(file, text);
      try {
        readJsonObject(file, 'the thing');
      } catch (e) {
        expect(e).toBeInstanceOf(RegistryError);
        expect((e as RegistryError).file).toBe(file);
        return (e as RegistryError).message.replace(file, 'FILE');
      }
      return 'ok';
    };
    expect(read('{"a":1}')).toBe('ok');
    expect(read(null)).toBe('FILE: the thing is missing');
    expect(read('')).toMatch(/^FILE: the thing is not valid JSON \(.*; the file is empty\)$/);
    expect(read('{"a":')).toMatch(
      /^FILE: the thing is not valid JSON \(.*; the file may be truncated or damaged\)$/,
    );
    expect(read('[1]')).toBe('FILE: the thing should be a JSON object, found an array');
  });
});
