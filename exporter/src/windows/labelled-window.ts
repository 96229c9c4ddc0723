import type { LabelledEvent } from './events';
import { RecordRing } from './ring';
import { RingWindow } from './ring-window';
import { windowCapacity, type WindowSpec } from './spec';

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
export class LabelledWindow extends RingWindow {
  constructor(spec: WindowSpec, sharedRing?: RecordRing) {
    super(spec, sharedRing ?? labelledRing(windowCapacity(spec)), sharedRing !== undefined);
  }

  push(event: LabelledEvent): void {
    this.checkOwnRing('pushLabelled');
    this.admit(event.labelTimeMs);
    storeLabelled(this.ring, event);
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
