import type { PredictionEvent } from './events';
import { RingIndex } from './ring';
import { windowName, type WindowSpec } from './spec';

/** A window's predictions as plain arrays, oldest first (fresh copies, safe to keep). */
export interface PredictionColumns {
  readonly values: Float64Array;
  readonly scores: Float64Array;
  readonly timesMs: Float64Array;
  /** 1 where the prediction's label has arrived (`markLabelled`), else 0. */
  readonly labelled: Uint8Array;
}

/**
 * Sliding window over predictions as they are served, labelled or not: the input of the label-free
 * performance estimate and of label coverage. `push` returns a ticket (the push's sequence number);
 * whoever joins labels keeps it with the pending request and passes it back to `markLabelled`.
 */
export class PredictionWindow {
  readonly spec: WindowSpec;
  readonly name: string;
  private readonly ring: RingIndex;
  private readonly values: Float64Array;
  private readonly scores: Float64Array;
  private readonly labelled: Uint8Array;

  constructor(spec: WindowSpec) {
    this.ring = new RingIndex(spec);
    this.spec = spec;
    this.name = windowName(spec);
    const n = this.ring.capacity;
    this.values = new Float64Array(n);
    this.scores = new Float64Array(n);
    this.labelled = new Uint8Array(n);
  }

  /** Adds a prediction; returns its ticket. */
  push(event: PredictionEvent): number {
    const ticket = this.ring.pushed;
    const slot = this.ring.claim(event.timeMs);
    this.values[slot] = event.value;
    this.scores[slot] = event.score;
    this.labelled[slot] = 0;
    return ticket;
  }

  /** Records that the label of prediction `ticket` arrived; false when it already left the window. */
  markLabelled(ticket: number): boolean {
    const slot = this.ring.slotOfSequence(ticket);
    if (slot < 0) return false;
    this.labelled[slot] = 1;
    return true;
  }

  /** Expires what a time window no longer covers at `nowMs` (call at scrape time with the clock's now). */
  advance(nowMs: number): void {
    this.ring.advance(nowMs);
  }

  get size(): number {
    return this.ring.size;
  }

  get pushed(): number {
    return this.ring.pushed;
  }

  get droppedAtCapacity(): number {
    return this.ring.droppedAtCapacity;
  }

  columns(): PredictionColumns {
    return {
      values: this.ring.chronological(this.values),
      scores: this.ring.chronological(this.scores),
      timesMs: this.ring.chronological(this.ring.timesMs),
      labelled: this.ring.chronologicalBytes(this.labelled),
    };
  }

  clear(): void {
    this.ring.clear();
  }
}
