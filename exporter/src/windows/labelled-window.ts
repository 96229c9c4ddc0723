import type { LabelledEvent } from './events';
import { RingIndex } from './ring';
import { windowName, type WindowSpec } from './spec';

/** A window's labelled events as plain arrays, oldest first (fresh copies, safe to keep). */
export interface LabelledColumns {
  readonly values: Float64Array;
  readonly scores: Float64Array;
  readonly labels: Float64Array;
  readonly predictionTimesMs: Float64Array;
  readonly labelTimesMs: Float64Array;
}

/**
 * Sliding window over labelled predictions, in order of label arrival. Label times from one join are
 * non-decreasing, which is what a ring needs to expire by time; prediction times are not (labels
 * come back with different delays), so they are kept as a column for the label delay, not as the order.
 */
export class LabelledWindow {
  readonly spec: WindowSpec;
  readonly name: string;
  private readonly ring: RingIndex;
  private readonly values: Float64Array;
  private readonly scores: Float64Array;
  private readonly labels: Float64Array;
  private readonly predictionTimesMs: Float64Array;

  constructor(spec: WindowSpec) {
    this.ring = new RingIndex(spec);
    this.spec = spec;
    this.name = windowName(spec);
    const n = this.ring.capacity;
    this.values = new Float64Array(n);
    this.scores = new Float64Array(n);
    this.labels = new Float64Array(n);
    this.predictionTimesMs = new Float64Array(n);
  }

  push(event: LabelledEvent): void {
    const slot = this.ring.claim(event.labelTimeMs);
    this.values[slot] = event.value;
    this.scores[slot] = event.score;
    this.labels[slot] = event.label;
    this.predictionTimesMs[slot] = event.predictionTimeMs;
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

  columns(): LabelledColumns {
    return {
      values: this.ring.chronological(this.values),
      scores: this.ring.chronological(this.scores),
      labels: this.ring.chronological(this.labels),
      predictionTimesMs: this.ring.chronological(this.predictionTimesMs),
      labelTimesMs: this.ring.chronological(this.ring.timesMs),
    };
  }

  clear(): void {
    this.ring.clear();
  }
}
