/** A served prediction waiting for its label. */
export interface PendingPrediction {
  readonly version: number;
  readonly value: number;
  readonly score: number;
  readonly timeMs: number;
}

/** What became of a label. */
export type LabelOutcome = 'joined' | 'duplicate' | 'unknown';

/** What `join` returns instead of a slot when there is no prediction to join. */
export const UNKNOWN = -1;
export const DUPLICATE = -2;

// Slot states. A slot is FREE before its first prediction and after its id came again in a newer slot.
const FREE = 0;
const WAITING = 1;
const JOINED = 2;

// A slot's record: four doubles, then (as 32-bit integers) the id's hash, (as 16-bit units) its
// length and the state, then the id's characters: 40 bytes and 2 per character.
const VERSION = 0;
const VALUE = 1;
const SCORE = 2;
const TIME = 3;
const HASH_INT = 8;
const LENGTH_UNIT = 18;
const STATE_UNIT = 19;
const CHARS_UNIT = 20;
const HEADER_BYTES = 40;
/**
 * Characters held inline: records of 64, 128 or 192 bytes (whole cache lines). They grow to the
 * longest id seen (a rare copy); ids longer than the last are kept as strings.
 */
const KEY_WIDTHS = [12, 44, 76];

/**
 * The last `capacity` served predictions by request id, each waiting for its late label or
 * already joined (so a second label is told apart as a duplicate). A prediction older than the
 * last `capacity` is forgotten; if its label never came it counts in `expired`. When an id comes
 * again while held, the newer prediction replaces the older one (which is neither joined nor
 * expired) and stays until it leaves the last `capacity` itself.
 *
 * Built for one prediction and one label per event without allocating, and with few cache misses
 * (a label finds a prediction written half an hour of traffic earlier): the predictions live in a
 * ring of records indexed by arrival order (slot = arrival mod capacity), each holding the id's
 * characters too (up to 76 UTF-16 units; longer ids as strings), and an open-addressing hash
 * table (linear probing, at most half full, backward-shift deletion, no tombstones) of (slot, hash)
 * pairs finds the slot: a label costs the table's line and its record's. Eviction is the ring's:
 * the slot about to be reused leaves the table. A JavaScript Map keyed by id retained every id
 * string and one object per prediction for 50,000 arrivals, which the garbage collector promoted
 * and swept: that cost dominated the monitoring loop.
 */
export class PendingPredictions {
  // One buffer of records, `stride` bytes each, seen as doubles, 32-bit integers and 16-bit units.
  private f64!: Float64Array;
  private i32!: Int32Array;
  private u16!: Uint16Array;
  private stride = 0;
  private keyWidth = 0;
  /** Ids longer than the widest records hold, by slot (rare: only then is a string retained). */
  private readonly longKeys = new Map<number, string>();
  /** The hash table: per bucket, slot + 1 (0 for empty) and the id's hash. */
  private readonly table: Int32Array;
  private readonly mask: number;
  private next = 0;
  private waitingCount = 0;
  /** Predictions given up on: their label had not come when they left the last `capacity`. */
  expired = 0;

  constructor(readonly capacity = 50_000) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new RangeError(`capacity: expected a positive integer, got ${capacity}`);
    this.allocate(KEY_WIDTHS[0]);
    let buckets = 8;
    while (buckets < 2 * capacity) buckets *= 2;
    this.table = new Int32Array(2 * buckets);
    this.mask = buckets - 1;
  }

  /** Predictions still waiting for a label. */
  get size(): number {
    return this.waitingCount;
  }

  add(requestId: string, version: number, value: number, score: number, timeMs: number): void {
    const slot = this.next;
    this.next = slot + 1 === this.capacity ? 0 : slot + 1;
    const old = this.stateOf(slot);
    if (old !== FREE) {
      this.remove(slot);
      if (old === WAITING) {
        this.expired++;
        this.waitingCount--;
      }
    }
    const n = requestId.length;
    if (n > this.keyWidth && this.keyWidth < KEY_WIDTHS[KEY_WIDTHS.length - 1]) this.widen(n);
    const hash = hashOf(requestId);
    const table = this.table;
    const mask = this.mask;
    // One probe: the id's bucket if it is held (it came again), else the empty bucket ending the run.
    let b = hash & mask;
    for (let entry = table[2 * b]; entry !== 0; entry = table[2 * b]) {
      if (table[2 * b + 1] === hash && this.keyEquals(entry - 1, requestId)) {
        // The newer prediction takes over the bucket; the older one is neither joined nor expired.
        const previous = entry - 1;
        if (this.stateOf(previous) === WAITING) this.waitingCount--;
        this.setState(previous, FREE);
        if (this.longKeys.size !== 0) this.longKeys.delete(previous);
        break;
      }
      b = (b + 1) & mask;
    }
    table[2 * b] = slot + 1;
    table[2 * b + 1] = hash;
    this.waitingCount++;
    const d = slot * (this.stride >> 3);
    const f64 = this.f64;
    f64[d + VERSION] = version;
    f64[d + VALUE] = value;
    f64[d + SCORE] = score;
    f64[d + TIME] = timeMs;
    this.i32[slot * (this.stride >> 2) + HASH_INT] = hash;
    const u = slot * (this.stride >> 1);
    const u16 = this.u16;
    u16[u + STATE_UNIT] = WAITING;
    u16[u + LENGTH_UNIT] = n > this.keyWidth ? 0xffff : n;
    if (n > this.keyWidth) this.longKeys.set(slot, requestId);
    else for (let i = 0; i < n; i++) u16[u + CHARS_UNIT + i] = requestId.charCodeAt(i);
  }

  /**
   * Joins a label to its prediction: the prediction's slot (read it with `versionOf`, `valueOf`…),
   * now marked joined; or UNKNOWN, or DUPLICATE when it was joined before. Allocates nothing.
   */
  join(requestId: string): number {
    const hash = hashOf(requestId);
    const table = this.table;
    const mask = this.mask;
    for (let b = hash & mask; ; b = (b + 1) & mask) {
      const entry = table[2 * b];
      if (entry === 0) return UNKNOWN;
      if (table[2 * b + 1] !== hash || !this.keyEquals(entry - 1, requestId)) continue;
      const slot = entry - 1;
      if (this.stateOf(slot) === JOINED) return DUPLICATE;
      this.setState(slot, JOINED);
      this.waitingCount--;
      return slot;
    }
  }

  // The prediction in a slot `join` returned (valid until the next `add`).
  versionOf(slot: number): number {
    return this.f64[slot * (this.stride >> 3) + VERSION];
  }
  valueOf(slot: number): number {
    return this.f64[slot * (this.stride >> 3) + VALUE];
  }
  scoreOf(slot: number): number {
    return this.f64[slot * (this.stride >> 3) + SCORE];
  }
  timeOf(slot: number): number {
    return this.f64[slot * (this.stride >> 3) + TIME];
  }

  /** The prediction a label answers, now marked joined; or why there is none. */
  take(requestId: string): PendingPrediction | Exclude<LabelOutcome, 'joined'> {
    const slot = this.join(requestId);
    if (slot === UNKNOWN) return 'unknown';
    if (slot === DUPLICATE) return 'duplicate';
    return {
      version: this.versionOf(slot),
      value: this.valueOf(slot),
      score: this.scoreOf(slot),
      timeMs: this.timeOf(slot),
    };
  }

  clear(): void {
    this.table.fill(0);
    this.u16.fill(0);
    this.longKeys.clear();
    this.next = 0;
    this.waitingCount = 0;
  }

  private stateOf(slot: number): number {
    return this.u16[slot * (this.stride >> 1) + STATE_UNIT];
  }

  private setState(slot: number, state: number): void {
    this.u16[slot * (this.stride >> 1) + STATE_UNIT] = state;
  }

  /** Takes `slot` out of the table, shifting later entries of its probe run back (no tombstones). */
  private remove(slot: number): void {
    const mask = this.mask;
    const table = this.table;
    let hole = this.i32[slot * (this.stride >> 2) + HASH_INT] & mask;
    while (table[2 * hole] !== slot + 1) hole = (hole + 1) & mask;
    for (let b = (hole + 1) & mask; table[2 * b] !== 0; b = (b + 1) & mask) {
      const home = table[2 * b + 1] & mask;
      // The entry at b may fill the hole unless its home lies cyclically in (hole, b].
      const stays = hole <= b ? hole < home && home <= b : hole < home || home <= b;
      if (stays) continue;
      table[2 * hole] = table[2 * b];
      table[2 * hole + 1] = table[2 * b + 1];
      hole = b;
    }
    table[2 * hole] = 0;
    if (this.longKeys.size !== 0) this.longKeys.delete(slot);
  }

  private keyEquals(slot: number, key: string): boolean {
    const u = slot * (this.stride >> 1);
    const u16 = this.u16;
    const n = key.length;
    const length = u16[u + LENGTH_UNIT];
    if (length === 0xffff) return this.longKeys.get(slot) === key;
    if (length !== n) return false;
    for (let i = 0; i < n; i++) if (u16[u + CHARS_UNIT + i] !== key.charCodeAt(i)) return false;
    return true;
  }

  /** Records as wide as the first width that holds `length` characters (or the widest). */
  private widen(length: number): void {
    const width = KEY_WIDTHS.find((w) => w >= length) ?? KEY_WIDTHS[KEY_WIDTHS.length - 1];
    const old = this.u16;
    const oldStride = this.stride;
    this.allocate(width);
    const bytes = new Uint8Array(this.u16.buffer);
    const oldBytes = new Uint8Array(old.buffer);
    for (let s = 0; s < this.capacity; s++)
      bytes.set(oldBytes.subarray(s * oldStride, (s + 1) * oldStride), s * this.stride);
    // Ids held as strings that now fit move in.
    for (const [s, key] of this.longKeys) {
      if (key.length > width) continue;
      const u = s * (this.stride >> 1);
      this.u16[u + LENGTH_UNIT] = key.length;
      for (let i = 0; i < key.length; i++) this.u16[u + CHARS_UNIT + i] = key.charCodeAt(i);
      this.longKeys.delete(s);
    }
  }

  private allocate(keyWidth: number): void {
    this.keyWidth = keyWidth;
    this.stride = HEADER_BYTES + 2 * keyWidth;
    const buffer = new ArrayBuffer(this.capacity * this.stride);
    this.f64 = new Float64Array(buffer);
    this.i32 = new Int32Array(buffer);
    this.u16 = new Uint16Array(buffer);
  }
}

/**
 * FNV-1a over the UTF-16 code units, then murmur3's finaliser so the low bits index well; kept to
 * 30 bits, a small integer V8 never boxes (a full int32 would be a heap number when passed around).
 */
function hashOf(key: string): number {
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) & 0x3fffffff;
}
