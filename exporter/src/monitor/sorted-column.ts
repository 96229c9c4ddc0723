import type { SortedSample } from '../drift';

/** Where a window column stands: what `SortedColumn.sync` and `CategoryTally.sync` read. */
export interface RingState {
  /** The column's values by slot; slots fill from 0 and then wrap. */
  readonly values: ArrayLike<number>;
  /** The slot the next value goes to. */
  readonly next: number;
  /** Slots holding a value. */
  readonly filled: number;
  /** Values ever pushed (only differences matter). */
  readonly pushed: number;
  /** Changes when the ring is emptied (slots count from 0 again). */
  readonly generation: number;
}

/**
 * What changed in a ring since the last sync: the slots written since, or everything. Shared by
 * the sorted column and the category tally: both keep a copy of the values they last saw (so they
 * know what a new value replaced) and apply a few changes one by one, or start over after many.
 */
abstract class RingFollower {
  /** The values as of the last sync, by slot. */
  protected readonly seen: Float64Array;
  private seenFilled = 0;
  private seenPushed = 0;
  private seenGeneration = -1;

  constructor(
    readonly size: number,
    /** Beyond this many new values, starting over is cheaper than applying them one by one. */
    private readonly maxChanges: number,
  ) {
    this.seen = new Float64Array(size);
  }

  /** Brings the follower up to date with the ring (whose size must be this follower's). */
  sync(ring: RingState): void {
    const changes = ring.pushed - this.seenPushed;
    if (ring.generation === this.seenGeneration && changes === 0) return;
    if (ring.generation !== this.seenGeneration || changes < 0 || changes > this.maxChanges) {
      const { values, filled } = ring;
      for (let s = 0; s < filled; s++) this.seen[s] = values[s];
      this.rebuild(this.seen, filled);
    } else {
      // The last `changes` pushes wrote the slots before `next`, in order.
      let slot = ring.next - changes;
      if (slot < 0) slot += this.size;
      for (let c = 0; c < changes; c++) {
        // A slot held a value before if the ring was full then, or if it lay below the fill line.
        const held = this.seenFilled === this.size || slot < this.seenFilled;
        const value = ring.values[slot];
        this.replace(held, this.seen[slot], value);
        this.seen[slot] = value;
        if (!held) this.seenFilled++;
        slot = slot + 1 === this.size ? 0 : slot + 1;
      }
    }
    this.seenFilled = ring.filled;
    this.seenPushed = ring.pushed;
    this.seenGeneration = ring.generation;
  }

  /** Starts over from the first `count` values of `values`. */
  protected abstract rebuild(values: Float64Array, count: number): void;

  /** One slot's value replaced (`held`) or added: `old` goes, `value` comes. */
  protected abstract replace(held: boolean, old: number, value: number): void;
}

/**
 * A window column's finite values kept sorted between scrapes. A scrape after a few new values
 * moves each into place (a binary search and a typed-array copy), instead of sorting the whole
 * window again: the drift statistics merge sorted samples, and sorting 2,000 values per feature
 * per model was most of a scrape. After many new values (more than 1/16 of the window) it sorts.
 */
export class SortedColumn extends RingFollower {
  private readonly sorted: Float64Array;
  private count = 0;
  /** Non-finite values in the window (left out of the sorted values). */
  nonFinite = 0;

  constructor(size: number) {
    super(size, Math.max(8, size >> 4));
    this.sorted = new Float64Array(size);
  }

  /** The finite values, ascending (a view: valid until the next sync). */
  get values(): Float64Array {
    return this.sorted.subarray(0, this.count);
  }

  /** The values as a sorted sample for the drift statistics, `dropped` as given. */
  sample(dropped: number): SortedSample {
    return { kind: 'sorted-sample', values: this.values, dropped };
  }

  protected rebuild(values: Float64Array, count: number): void {
    let k = 0;
    for (let i = 0; i < count; i++) {
      const v = values[i];
      if (v - v === 0) this.sorted[k++] = v;
    }
    this.count = k;
    this.nonFinite = count - k;
    this.sorted.subarray(0, k).sort();
  }

  protected replace(held: boolean, old: number, value: number): void {
    if (held) {
      if (old - old === 0) this.remove(old);
      else this.nonFinite--;
    }
    if (value - value === 0) this.insert(value);
    else this.nonFinite++;
  }

  private remove(value: number): void {
    const at = this.lowerBound(value);
    this.sorted.copyWithin(at, at + 1, this.count);
    this.count--;
  }

  private insert(value: number): void {
    const at = this.lowerBound(value);
    this.sorted.copyWithin(at + 1, at, this.count);
    this.sorted[at] = value;
    this.count++;
  }

  /** The first index whose value is not below `value`. */
  private lowerBound(value: number): number {
    const sorted = this.sorted;
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid] < value) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/**
 * Counts of a categorical window column per category index (0 … categories − 1, then one for −1,
 * an unseen category), as FeatureWindow.categoryCounts counts them, kept between scrapes.
 */
export class CategoryTally extends RingFollower {
  private readonly tally: number[];

  constructor(
    size: number,
    private readonly categories: number,
  ) {
    super(size, size >> 2);
    this.tally = new Array<number>(categories + 1).fill(0);
  }

  /** A fresh copy of the counts. */
  counts(): number[] {
    return this.tally.slice();
  }

  protected rebuild(values: Float64Array, count: number): void {
    this.tally.fill(0);
    for (let i = 0; i < count; i++) this.add(values[i], 1);
  }

  protected replace(held: boolean, old: number, value: number): void {
    if (held) this.add(old, -1);
    this.add(value, 1);
  }

  private add(v: number, delta: number): void {
    const categories = this.categories;
    if (v === -1) this.tally[categories] += delta;
    else if (v >= 0 && v < categories && Number.isInteger(v)) this.tally[v] += delta;
  }
}
