import type { LabelledEvent } from './events';
import { RecordRing, WindowCursor } from './ring';
import { windowCapacity, windowName, type WindowSpec } from './spec';

/** A window's labelled events as plain arrays, oldest first (fresh copies, safe to keep). */
export interface LabelledColumns {
  readonly values: Float64Array;
  readonly scores: Float64Array;
  readonly labels: Float64Array;
  readonly predictionTimesMs: Float64Array;
  readonly labelTimesMs: Float64Array;
}

// A labelled prediction's record in the ring.
const VALUE = 0;
const SCORE = 1;
const LABEL = 2;
const PREDICTION_TIME = 3;
const LABEL_TIME = 4;
const WIDTH = 5;

/** The ring labelled predictions are stored in, for windows that share one (ModelWindows). */
export function labelledRing(capacity: number): RecordRing {
  return new RecordRing(capacity, WIDTH, LABEL_TIME);
}

/**
 * Sliding window over labelled predictions, in order of label arrival. Label times from one join are
 * non-decreasing, which is what a ring needs to expire by time; prediction times are not (labels
 * come back with different delays), so they are kept as a column for the label delay, not as the order.
 *
 * A window made alone stores its own events. Windows made by ModelWindows share one ring, fed by
 * ModelWindows.pushLabelled (their own `push` refuses: it would add to all of them).
 */
export class LabelledWindow {
  readonly spec: WindowSpec;
  readonly name: string;
  private readonly ring: RecordRing;
  private readonly cursor: WindowCursor;
  private readonly shared: boolean;

  constructor(spec: WindowSpec, sharedRing?: RecordRing) {
    this.spec = spec;
    this.name = windowName(spec);
    this.shared = sharedRing !== undefined;
    this.ring = sharedRing ?? labelledRing(windowCapacity(spec));
    this.cursor = new WindowCursor(spec, this.ring);
  }

  push(event: LabelledEvent): void {
    if (this.shared)
      throw new Error(`window ${this.name} shares its ring: push through ModelWindows.pushLabelled`);
    this.admit(event.labelTimeMs);
    storeLabelled(this.ring, event);
  }

  /** Counts the event the shared ring is about to store (ModelWindows). */
  admit(labelTimeMs: number): void {
    this.cursor.admit(labelTimeMs);
  }

  /** Expires what a time window no longer covers at `nowMs` (call at scrape time with the clock's now). */
  advance(nowMs: number): void {
    this.cursor.advance(nowMs);
  }

  get size(): number {
    return this.cursor.size;
  }

  get pushed(): number {
    return this.ring.pushed;
  }

  get droppedAtCapacity(): number {
    return this.cursor.droppedAtCapacity;
  }

  /** Changes when the window is cleared: (generation, pushed, size) tell what it holds. */
  get generation(): number {
    return this.cursor.generation;
  }

  columns(): LabelledColumns {
    return {
      values: this.cursor.field(VALUE),
      scores: this.cursor.field(SCORE),
      labels: this.cursor.field(LABEL),
      predictionTimesMs: this.cursor.field(PREDICTION_TIME),
      labelTimesMs: this.cursor.field(LABEL_TIME),
    };
  }

  clear(): void {
    if (!this.shared) this.ring.clear();
    this.cursor.clear();
  }
}

/** Writes a labelled prediction into the next record of `ring`. */
export function storeLabelled(ring: RecordRing, event: LabelledEvent): void {
  const at = ring.claim() * WIDTH;
  const records = ring.records;
  records[at + VALUE] = event.value;
  records[at + SCORE] = event.score;
  records[at + LABEL] = event.label;
  records[at + PREDICTION_TIME] = event.predictionTimeMs;
  records[at + LABEL_TIME] = event.labelTimeMs;
}
