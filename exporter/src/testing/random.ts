/*
 * Seeded uniforms for the exporter's tests (not built): the same seed gives the same stream on every
 * machine, so a statistical test that passes once passes always.
 */

/** mulberry32: 32-bit state, uniforms k / 2^32 (exact in float64, identical in Python). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a) >>> 0;
    t = ((t + Math.imul(t ^ (t >>> 7), 61 | t)) >>> 0) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
