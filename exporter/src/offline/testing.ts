/* Test support for the offline statistics (not built). */
import { join } from 'node:path';

export const FIXTURES = join(__dirname, 'fixtures');

/**
 * Problems between a JSON value and the expected one: the same keys in the same order, the same
 * strings, booleans and nulls, numbers within `rel` relative. Returns readable lines (none: []).
 */
export function jsonDifferences(actual: unknown, expected: unknown, rel = 1e-9, path = '$'): string[] {
  if (typeof expected === 'number') {
    if (typeof actual !== 'number') return [`${path}: expected ${expected}, got ${JSON.stringify(actual)}`];
    const error = Math.abs(actual - expected);
    return error <= rel * Math.abs(expected) ? [] : [`${path}: expected ${expected}, got ${actual}`];
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length)
      return [`${path}: expected an array of ${expected.length}, got ${JSON.stringify(actual)}`];
    return expected.flatMap((e, k) => jsonDifferences(actual[k], e, rel, `${path}[${k}]`));
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual))
      return [`${path}: expected an object, got ${JSON.stringify(actual)}`];
    const keys = Object.keys(expected);
    const actualKeys = Object.keys(actual);
    if (actualKeys.join() !== keys.join())
      return [`${path}: keys ${actualKeys.join()} instead of ${keys.join()}`];
    return keys.flatMap((k) =>
      jsonDifferences(
        (actual as Record<string, unknown>)[k],
        (expected as Record<string, unknown>)[k],
        rel,
        `${path}.${k}`,
      ),
    );
  }
  return actual === expected
    ? []
    : [`${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`];
}
