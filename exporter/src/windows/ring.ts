import { checkWindowSpec, windowCapacity, windowSpanMs, type WindowSpec } from './spec';

/*
 * The storage and index arithmetic shared by every window.
 *
 * A RecordRing holds the last `capacity` events of one stream as fixed records of `width` doubles,
 * one after the other: a push writes one run of memory, however many fields and windows there
 * are. (Windows used to keep a typed array per field each, so a model's six windows wrote some
 * thirty arrays per event, more streams than a CPU's prefetchers follow.) Sequence numbers: the
 * n-th push (from 0) goes to slot n mod capacity, so a caller that kept the number of a push can
 * find its record again while the ring still holds it.
 *
 * A WindowCursor is one window over a ring: how many of the ring's latest records it holds, by
 * count and by time. Several windows of one stream (the last 1,000 predictions, the last 10,000,
 * the last hour) share one ring as large as the largest of them, each with its own cursor.
 */
export class RecordRing {
  readonly records: Float64Array;
  private nextSlot = 0;
  private pushedTotal = 0;
  private clears = 0;

  constructor(
    readonly capacity: number,
    readonly width: number,
    /** The field holding the event time (ms), by which time windows expire. */
    readonly timeField: number,
  ) {
    this.records = new Float64Array(capacity * width);
  }

  /** Records pushed since construction or `clear`; also the sequence number of the next push. */
  get pushed(): number {
    return this.pushedTotal;
  }

  /** How many times the ring was cleared. */
  get generation(): number {
    return this.clears;
  }

  /** The slot of the next push, whose record (from `slot * width` in `records`) the caller fills; counts the push. */
  claim(): number {
    const slot = this.nextSlot;
    this.nextSlot = slot + 1 === this.capacity ? 0 : slot + 1;
    this.pushedTotal++;
    return slot;
  }

  /** The slot of push `sequence` (one the ring still holds). */
  slotOf(sequence: number): number {
    return sequence % this.capacity;
  }

  /** The offset of the record of push `sequence` (one the ring still holds). */
  offsetOf(sequence: number): number {
    return (sequence % this.capacity) * this.width;
  }

  /** The event time of push `sequence` (one the ring still holds). */
  timeOf(sequence: number): number {
    return this.records[this.offsetOf(sequence) + this.timeField];
  }

  /** Field `field` of the last `count` records, oldest first, in a new array. */
  field(field: number, count: number): Float64Array {
    const out = new Float64Array(count);
    const { records, width, capacity } = this;
    let at = count === 0 ? 0 : this.offsetOf(this.pushedTotal - count);
    const end = capacity * width;
    for (let i = 0; i < count; i++) {
      out[i] = records[at + field];
      at += width;
      if (at === end) at = 0;
    }
    return out;
  }

  /** Forgets every record; sequence numbers start again from 0. */
  clear(): void {
    this.nextSlot = 0;
    this.pushedTotal = 0;
    this.clears++;
  }
}

/**
 * One window over a RecordRing: it holds the ring's latest `size` records, by RingIndex's old
 * rules. A count window holds the last N. A time window holds the events of (now − span, now],
 * now being the latest time seen; events leave in push order (one pushed late with an older time
 * waits for those before it), and beyond its capacity the oldest go early (counted as dropped).
 */
export class WindowCursor {
  readonly capacity: number;
  /** How long an event stays, in ms; Infinity for a count window. */
  readonly spanMs: number;
  private held = 0;
  private dropped = 0;
  private newest = -Infinity;
  private clears = 0;

  constructor(
    spec: WindowSpec,
    private readonly ring: RecordRing,
  ) {
    checkWindowSpec(spec);
    this.capacity = windowCapacity(spec);
    this.spanMs = windowSpanMs(spec);
    if (this.capacity > ring.capacity)
      throw new RangeError(`a window of ${this.capacity} events cannot share a ring of ${ring.capacity}`);
  }

  /** Events held now: the ring's last `size`. */
  get size(): number {
    return this.held;
  }

  /** Time-window events pushed out by the capacity before their time was up (0 for count windows). */
  get droppedAtCapacity(): number {
    return this.dropped;
  }

  /** The latest time seen by `admit` or `advance` (ms), −Infinity before any. */
  get nowMs(): number {
    return this.newest;
  }

  /** Changes whenever the cursor or its ring is cleared. */
  get generation(): number {
    return this.clears + this.ring.generation;
  }

  /**
   * Takes in the event at `timeMs` the ring is about to store (call before `ring.claim`): expires
   * events now too old, then counts the new one, dropping the oldest when the window is full.
   */
  admit(timeMs: number): void {
    if (timeMs > this.newest) {
      this.newest = timeMs;
      if (this.spanMs !== Infinity) this.expire();
    }
    if (this.held < this.capacity) this.held++;
    else if (this.spanMs !== Infinity) this.dropped++;
  }

  /** Moves the window's clock to `nowMs` (never back) and expires what fell out of a time window. */
  advance(nowMs: number): void {
    if (nowMs > this.newest) {
      this.newest = nowMs;
      if (this.spanMs !== Infinity) this.expire();
    }
  }

  /** Field `field` of the held events, oldest first, in a new array. */
  field(field: number): Float64Array {
    return this.ring.field(field, this.held);
  }

  /** Forgets the events (the ring keeps its records) and the clock. */
  clear(): void {
    this.held = 0;
    this.dropped = 0;
    this.newest = -Infinity;
    this.clears++;
  }

  private expire(): void {
    const cutoff = this.newest - this.spanMs;
    const ring = this.ring;
    let oldest = ring.pushed - this.held;
    while (this.held > 0 && ring.timeOf(oldest) <= cutoff) {
      this.held--;
      oldest++;
    }
  }
}
