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

/**
 * Predictions waiting for their late labels, by request id, and the ids joined recently (to tell a
 * duplicate label from an unknown one). Both are bounded: beyond `capacity` the oldest waiting
 * prediction is given up as "never labelled" (counted in `expired`), and only the last `capacity`
 * joined ids are remembered. Map keeps insertion order, so the oldest is always first.
 */
export class PendingPredictions {
  private readonly waiting = new Map<string, PendingPrediction>();
  private readonly joined = new Set<string>();
  /** Predictions given up on: their label never came while there was room to wait. */
  expired = 0;

  constructor(readonly capacity = 200_000) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new RangeError(`capacity: expected a positive integer, got ${capacity}`);
  }

  get size(): number {
    return this.waiting.size;
  }

  add(requestId: string, prediction: PendingPrediction): void {
    if (this.waiting.size >= this.capacity) {
      this.waiting.delete(this.waiting.keys().next().value!);
      this.expired++;
    }
    this.waiting.set(requestId, prediction);
  }

  /** The prediction a label answers, removed from the waiting list; or why there is none. */
  take(requestId: string): PendingPrediction | Exclude<LabelOutcome, 'joined'> {
    const found = this.waiting.get(requestId);
    if (found) {
      this.waiting.delete(requestId);
      if (this.joined.size >= this.capacity) this.joined.delete(this.joined.values().next().value!);
      this.joined.add(requestId);
      return found;
    }
    return this.joined.has(requestId) ? 'duplicate' : 'unknown';
  }

  clear(): void {
    this.waiting.clear();
    this.joined.clear();
  }
}
