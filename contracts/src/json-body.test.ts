import fc from 'fast-check';
import { jsonNestsDeeperThan, refuseDeepJson, MAX_JSON_DEPTH } from './json-body';

/** The nesting depth of a parsed value, counted by walking it: the reference for the scanner. */
function depthOf(value: unknown): number {
  if (value === null || typeof value !== 'object') return 0;
  const children = Object.values(value as object);
  return 1 + Math.max(0, ...children.map(depthOf));
}

describe('jsonNestsDeeperThan', () => {
  it('agrees with the depth of the parsed value for any JSON, in strings or UTF-8 bytes', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 8 }), fc.integer({ min: 0, max: 9 }), (value, max) => {
        const text = JSON.stringify(value);
        const expected = depthOf(value) > max;
        expect(jsonNestsDeeperThan(text, max)).toBe(expected);
        expect(jsonNestsDeeperThan(new TextEncoder().encode(text), max)).toBe(expected);
      }),
      { seed: 16, numRuns: 500 },
    );
  });

  it('counts no bracket inside a string, escaped quotes included', () => {
    expect(jsonNestsDeeperThan('{"a":"[[[[\\"[[[["}', 1)).toBe(false);
    expect(jsonNestsDeeperThan('[[["\\\\"]]]', 2)).toBe(true);
  });

  it('refuses a 6,000-level body in the verify step with a client error', () => {
    const deep = new TextEncoder().encode(`{"x":${'['.repeat(6000)}${']'.repeat(6000)}}`);
    expect(() => refuseDeepJson(null, null, deep, 'utf-8')).toThrow(
      expect.objectContaining({ status: 400, type: 'entity.too.deep' }),
    );
    const utf16 = Buffer.from(`[${'['.repeat(MAX_JSON_DEPTH)}]`, 'utf16le');
    expect(() => refuseDeepJson(null, null, utf16, 'utf-16le')).toThrow(/nested deeper/);
    expect(() => refuseDeepJson(null, null, deep, 'utf-7')).toThrow(expect.objectContaining({ status: 415 }));
  });
});
