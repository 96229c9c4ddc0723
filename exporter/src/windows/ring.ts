import { checkWindowSpec, windowCapacity, windowSpanMs, type WindowSpec } from './spec';

/*
 * The index arithmetic shared by every window: a fixed ring of `capacity` slots plus the event time
 * of each slot. Columns live in the windows that use a RingIndex; they write to the slot `claim`
 * returns. Nothing here allocates after construction, so a push costs a few stores.
 *
 * Sequence numbers: the n-th push ever (from 0) is written to slot n mod capacity, so a caller that
 * kept the number of a push can find its slot again while the event is still held.
 */
export class RingIndex {
  readonly capacity: number;
  /** How long an event stays, in ms; Infinity for a count window. */
  readonly spanMs: number;
  /** Event time of each slot, in ms; read through `slotAt`. */
  readonly timesMs: Float64Array;
  private next = 0;
  private held = 0;
  private pushedTotal = 0;
  private dropped = 0;
  private newest = -Infinity;

  constructor(spec: WindowSpec) {
    checkWindowSpec(spec);
    this.capacity = windowCapacity(spec);
    this.spanMs = windowSpanMs(spec);
    this.timesMs = new Float64Array(this.capacity);
  }

  /** Events held now. */
  get size(): number {
    return this.held;
  }

  /** Events pushed since construction or `clear`; also the sequence number of the next push. */
  get pushed(): number {
    return this.pushedTotal;
  }

  /** Time-window events pushed out by the capacity before their time was up (0 for count windows). */
  get droppedAtCapacity(): number {
    return this.dropped;
  }

  /** The latest time seen by `claim` or `advance` (ms), −Infinity before any. */
  get nowMs(): number {
    return this.newest;
  }

  /**
   * The slot for a new event at `timeMs`: expires events that are now too old, then takes the next
   * slot, overwriting the oldest event when the ring is full.
   */
  claim(timeMs: number): number {
    if (timeMs > this.newest) {
      this.newest = timeMs;
      if (this.spanMs !== Infinity) this.expire();
    }
    const slot = this.next;
    if (this.held < this.capacity) this.held++;
    else if (this.spanMs !== Infinity) this.dropped++;
    this.timesMs[slot] = timeMs;
    this.next = slot + 1 === this.capacity ? 0 : slot + 1;
    this.pushedTotal++;
    return slot;
  }

  /** Moves the window's clock to `nowMs` (never back) and expires what fell out of a time window. */
  advance(nowMs: number): void {
    if (nowMs > this.newest) {
      this.newest = nowMs;
      if (this.spanMs !== Infinity) this.expire();
    }
  }

  /** The slot of the i-th event held, 0 being the oldest. */
  slotAt(i: number): number {
    const s = this.oldestSlot() + i;
    return s >= this.capacity ? s - this.capacity : s;
  }

  /** The slot still holding the push numbered `sequence`, or −1 when it has left (or never was). */
  slotOfSequence(sequence: number): number {
    if (
      !Number.isInteger(sequence) ||
      sequence < this.pushedTotal - this.held ||
      sequence >= this.pushedTotal
    )
      return -1;
    return sequence % this.capacity;
  }

  /** The held values of `column` (one of this ring's columns), oldest first, in a new array. */
  chronological(column: Float64Array): Float64Array {
    return this.copyHeld(column, new Float64Array(this.held));
  }

  /** `chronological` for a byte column (flags). */
  chronologicalBytes(column: Uint8Array): Uint8Array {
    return this.copyHeld(column, new Uint8Array(this.held));
  }

  /** Forgets every event and the clock; counts start again from 0. */
  clear(): void {
    this.next = 0;
    this.held = 0;
    this.pushedTotal = 0;
    this.dropped = 0;
    this.newest = -Infinity;
  }

  private oldestSlot(): number {
    const s = this.next - this.held;
    return s < 0 ? s + this.capacity : s;
  }

  private copyHeld<T extends Float64Array | Uint8Array>(column: T, out: T): T {
    const start = this.oldestSlot();
    const firstPart = Math.min(this.held, this.capacity - start);
    out.set(column.subarray(start, start + firstPart));
    out.set(column.subarray(0, this.held - firstPart), firstPart);
    return out;
  }

  // Events leave in ring order: one pushed late with an older time waits for those before it.
  private expire(): void {
    const cutoff = this.newest - this.spanMs;
    let slot = this.oldestSlot();
    while (this.held > 0 && this.timesMs[slot] <= cutoff) {
      this.held--;
      slot = slot + 1 === this.capacity ? 0 : slot + 1;
    }
  }
}
