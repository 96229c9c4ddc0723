import type { PredictionEvent } from './events';
import { RecordRing } from './ring';
import { RingWindow } from './ring-window';
import { windowCapacity, type WindowSpec } from './spec';

/** A window's predictions as plain arrays, oldest first (fresh copies, safe to keep). */
export interface PredictionColumns {
  readonly values: Float64Array;
  readonly scores: Float64Array;
  readonly timesMs: Float64Array;
}

// A prediction's record in the ring.
const VALUE = 0;
const SCORE = 1;
const TIME = 2;
const WIDTH = 3;

/** The ring predictions are stored in, for windows that share one (ModelWindows). */
export function predictionRing(capacity: number): RecordRing {
  return new RecordRing(capacity, WIDTH, TIME);
}

/**
 * Sliding window over predictions as they are served, labelled or not: the input of the label-free
 * performance estimate.
 *
 * A window made alone stores its own predictions. Windows made by ModelWindows share one ring, fed
 * by ModelWindows.pushPrediction (their own `push` refuses: it would add to all of them).
 */
export class PredictionWindow extends RingWindow {
  constructor(spec: WindowSpec, sharedRing?: RecordRing) {
    super(spec, sharedRing ?? predictionRing(windowCapacity(spec)), sharedRing !== undefined);
  }

  /** Adds a prediction. */
  push(event: PredictionEvent): void {
    this.checkOwnRing('pushPrediction');
    this.admit(event.timeMs);
    storePrediction(this.ring, event);
  }

  columns(): PredictionColumns {
    return {
      values: this.cursor.field(VALUE),
      scores: this.cursor.field(SCORE),
      timesMs: this.cursor.field(TIME),
    };
  }
}

/** Writes a prediction into the next record of `ring`. */
export function storePrediction(ring: RecordRing, event: PredictionEvent): void {
  const at = ring.claim() * WIDTH;
  const records = ring.records;
  records[at + VALUE] = event.value;
  records[at + SCORE] = event.score;
  records[at + TIME] = event.timeMs;
}
