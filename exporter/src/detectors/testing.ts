import { mulberry32 } from '../testing/random';

/** A seeded 0/1 error stream: error rate `before` until event `changeAt`, then `after`. */
export function errorStream(
  seed: number,
  length: number,
  before: number,
  after = before,
  changeAt = length,
): Uint8Array {
  const next = mulberry32(seed);
  const errors = new Uint8Array(length);
  for (let i = 0; i < length; i++) errors[i] = next() < (i < changeAt ? before : after) ? 1 : 0;
  return errors;
}
