/** A served prediction waiting for its label. */
export interface PendingPrediction {
  readonly version: number;
  readonly value: number;
  readonly score: number;
  readonly timeMs: number;
  /** The windows' ticket (ModelWindows.pushPrediction). */
  readonly ticket: number;
}

/** What became of a label. */
export type LabelOutcome = 'joined' | 'duplicate' | 'unknown';

class Slot implements PendingPrediction {
  joined = false;
  constructor(
    readonly version: number,
    readonly value: number,
    readonly score: number,
    readonly timeMs: number,
    readonly ticket: number,
  ) {}
}

/**
 * The last `capacity` served predictions by request id, each waiting for its late label or
 * already joined (so a second label is told apart as a duplicate). A prediction older than the
 * last `capacity` is forgotten; if its label never came it counts in `expired`. One Map holds
 * both states (one hash operation per prediction and per label), and eviction follows a ring of
 * ids in arrival order: finding a Map's oldest entry makes V8 scan past deleted slots.
 */
export class PendingPredictions {
  private readonly slots = new Map<string, Slot>();
  private readonly order: (string | undefined)[];
  private next = 0;
  private waitingCount = 0;
  /** Predictions given up on: their label had not come when they left the last `capacity`. */
  expired = 0;

  constructor(readonly capacity = 50_000) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new RangeError(`capacity: expected a positive integer, got ${capacity}`);
    this.order = new Array<string | undefined>(capacity);
  }

  /** Predictions still waiting for a label. */
  get size(): number {
    return this.waitingCount;
  }

  add(
    requestId: string,
    version: number,
    value: number,
    score: number,
    timeMs: number,
    ticket: number,
  ): void {
    const oldest = this.order[this.next];
    if (oldest !== undefined) {
      const slot = this.slots.get(oldest);
      if (slot) {
        this.slots.delete(oldest);
        if (!slot.joined) {
          this.expired++;
          this.waitingCount--;
        }
      }
    }
    this.order[this.next] = requestId;
    this.next = this.next + 1 === this.capacity ? 0 : this.next + 1;
    const previous = this.slots.get(requestId);
    if (!previous || previous.joined) this.waitingCount++;
    this.slots.set(requestId, new Slot(version, value, score, timeMs, ticket));
  }

  /** The prediction a label answers, now marked joined; or why there is none. */
  take(requestId: string): PendingPrediction | Exclude<LabelOutcome, 'joined'> {
    const slot = this.slots.get(requestId);
    if (!slot) return 'unknown';
    if (slot.joined) return 'duplicate';
    slot.joined = true;
    this.waitingCount--;
    return slot;
  }

  clear(): void {
    this.slots.clear();
    this.order.fill(undefined);
    this.waitingCount = 0;
  }
}
