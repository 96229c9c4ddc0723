import type { PredictionEvent } from './events';
import { RecordRing } from './ring';
import { RingWindow } from './ring-window';
import { windowCapacity, type WindowSpec } from './spec';

/** A window's predictions as plain arrays, oldest first (fresh copies, safe to keep). */
export interface PredictionColumns {
  readonly values: Float64Array;
  readonly scores: Float64Array;
  readonly timesMs: Float64Array;
  /** 1 where the prediction's label has arrived (`markLabelled`), else 0. */
  readonly labelled: Uint8Array;
}

// A prediction's record in the ring; whether its label arrived is the ring's flag.
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
 * performance estimate. `push` returns a ticket (the push's sequence number);
 * whoever joins labels keeps it with the pending request and passes it back to `markLabelled`.
 *
 * A window made alone stores its own predictions. Windows made by ModelWindows share one ring, fed
 * by ModelWindows.pushPrediction (their own `push` refuses: it would add to all of them).
 */
export class PredictionWindow extends RingWindow {
  constructor(spec: WindowSpec, sharedRing?: RecordRing) {
    super(spec, sharedRing ?? predictionRing(windowCapacity(spec)), sharedRing !== undefined);
  }

  /** Adds a prediction; returns its ticket. */
  push(event: PredictionEvent): number {
    this.checkOwnRing('pushPrediction');
    this.admit(event.timeMs);
    return storePrediction(this.ring, event);
  }

  /** Records that the label of prediction `ticket` arrived; false when it already left the window. */
  markLabelled(ticket: number): boolean {
    if (!this.cursor.holds(ticket)) return false;
    this.ring.flags[this.ring.slotOf(ticket)] = 1;
    return true;
  }

  columns(): PredictionColumns {
    return {
      values: this.cursor.field(VALUE),
      scores: this.cursor.field(SCORE),
      timesMs: this.cursor.field(TIME),
      labelled: this.cursor.flags(),
    };
  }
}

/** Writes a prediction into the next record of `ring` (a new one: not labelled yet); returns its ticket. */
export function storePrediction(ring: RecordRing, event: PredictionEvent): number {
  const ticket = ring.pushed;
  const slot = ring.claim();
  const at = slot * WIDTH;
  const records = ring.records;
  records[at + VALUE] = event.value;
  records[at + SCORE] = event.score;
  records[at + TIME] = event.timeMs;
  ring.flags[slot] = 0;
  return ticket;
}

/** Marks prediction `ticket` of `ring` labelled, when the ring still holds it. */
export function markPrediction(ring: RecordRing, ticket: number): void {
  if (
    Number.isInteger(ticket) &&
    ticket >= ring.pushed - ring.capacity &&
    ticket >= 0 &&
    ticket < ring.pushed
  )
    ring.flags[ring.slotOf(ticket)] = 1;
}
