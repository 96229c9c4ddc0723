/*
 * Requests a client sent twice (a gateway's retries): the same instance with the same event time as
 * one of the model's last `memory` instances. Distinct requests almost never share an event time to
 * the millisecond, so values that simply repeat (a world of few categories) do not count. Each
 * instance is kept as a 53-bit hash of its time and values, not as text: a few multiplications per
 * value, as cheap as the rest of the monitor's per-event work.
 */

/** Instances remembered to spot a repeat: retries arrive within moments of the original. */
export const DUPLICATE_MEMORY = 1024;

const bits = new Float64Array(1);
const words = new Uint32Array(bits.buffer);

/** Two 32-bit FNV-1a style mixes of the float64 words, combined into one safe integer. */
export function instanceHash(timeMs: number, values: ArrayLike<number>): number {
  let a = 0x811c9dc5;
  let b = 0x01000193;
  // The time first (i = −1), then every value; no closure, so a and b stay in registers.
  for (let i = -1; i < values.length; i++) {
    bits[0] = i < 0 ? timeMs : values[i];
    const low = words[0];
    const high = words[1];
    a = Math.imul(a ^ low, 0x01000193);
    b = Math.imul(b ^ low, 0x5bd1e995) ^ (b >>> 15);
    a = Math.imul(a ^ high, 0x01000193);
    b = Math.imul(b ^ high, 0x5bd1e995) ^ (b >>> 15);
  }
  return (a >>> 0) * 0x200000 + ((b >>> 0) & 0x1fffff);
}

export class DuplicateTracker {
  private readonly recent: Float64Array;
  private readonly counts = new Map<number, number>();
  private recentNext = 0;
  private recentCount = 0;
  /** 1 where the instance was a repeat, over the last `window` instances. */
  private readonly flags: Uint8Array;
  private flagNext = 0;
  private flagCount = 0;
  private repeats = 0;

  constructor(window: number, memory = DUPLICATE_MEMORY) {
    this.flags = new Uint8Array(window);
    this.recent = new Float64Array(memory);
  }

  /** Records an instance; true when it repeats a remembered one. */
  observe(timeMs: number, values: ArrayLike<number>): boolean {
    const hash = instanceHash(timeMs, values);
    const repeat = (this.counts.get(hash) ?? 0) > 0;
    if (this.recentCount === this.recent.length) {
      const old = this.recent[this.recentNext];
      const left = this.counts.get(old)! - 1;
      if (left === 0) this.counts.delete(old);
      else this.counts.set(old, left);
    } else this.recentCount++;
    this.recent[this.recentNext] = hash;
    this.recentNext = (this.recentNext + 1) % this.recent.length;
    this.counts.set(hash, (this.counts.get(hash) ?? 0) + 1);

    if (this.flagCount === this.flags.length) this.repeats -= this.flags[this.flagNext];
    else this.flagCount++;
    this.flags[this.flagNext] = repeat ? 1 : 0;
    this.repeats += this.flags[this.flagNext];
    this.flagNext = (this.flagNext + 1) % this.flags.length;
    return repeat;
  }

  /** The share of repeats over the window (NaN before any instance). */
  get share(): number {
    return this.flagCount === 0 ? NaN : this.repeats / this.flagCount;
  }
}
