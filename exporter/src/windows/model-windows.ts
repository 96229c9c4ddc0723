import type { LabelledEvent, PredictionEvent } from './events';
import { labelledRing, LabelledWindow, storeLabelled } from './labelled-window';
import { predictionRing, PredictionWindow, storePrediction } from './prediction-window';
import type { RecordRing } from './ring';
import { checkWindowSpec, DEFAULT_WINDOWS, windowCapacity, windowName, type WindowSpec } from './spec';

/**
 * All the windows of one model version: for each spec, one window of predictions (labelled or not)
 * and one of labelled predictions. The ingest side calls `pushPrediction` when a prediction is
 * served and `pushLabelled` when its label has been joined to it; metrics are computed from the
 * windows' `columns()` at scrape time, after `advance(now)`.
 *
 * Every window sees every event, so the prediction windows share one ring of records (as large as
 * the largest) and so do the labelled windows: an event is written once, whatever the number of
 * windows.
 */
export class ModelWindows {
  readonly predictions: readonly PredictionWindow[];
  readonly labelled: readonly LabelledWindow[];
  private readonly predictionRing: RecordRing;
  private readonly labelledRing: RecordRing;

  constructor(specs: readonly WindowSpec[] = DEFAULT_WINDOWS) {
    const names = new Set<string>();
    specs.forEach((spec, i) => {
      checkWindowSpec(spec, `windows[${i}]`);
      const name = windowName(spec);
      if (names.has(name))
        throw new RangeError(`windows[${i}]: expected a window not listed before, got ${name} again`);
      names.add(name);
    });
    const capacity = Math.max(1, ...specs.map(windowCapacity));
    this.predictionRing = predictionRing(capacity);
    this.labelledRing = labelledRing(capacity);
    this.predictions = specs.map((spec) => new PredictionWindow(spec, this.predictionRing));
    this.labelled = specs.map((spec) => new LabelledWindow(spec, this.labelledRing));
  }

  /** Adds a served prediction to every prediction window. */
  pushPrediction(event: PredictionEvent): void {
    const windows = this.predictions;
    for (let i = 0; i < windows.length; i++) windows[i].admit(event.timeMs);
    storePrediction(this.predictionRing, event);
  }

  /** Adds a labelled prediction to every labelled window. */
  pushLabelled(event: LabelledEvent): void {
    const labelled = this.labelled;
    for (let i = 0; i < labelled.length; i++) labelled[i].admit(event.labelTimeMs);
    storeLabelled(this.labelledRing, event);
  }

  /** Moves every window's clock to `nowMs`: time windows drop what is older than their span. */
  advance(nowMs: number): void {
    for (const w of this.predictions) w.advance(nowMs);
    for (const w of this.labelled) w.advance(nowMs);
  }

  /** Forgets everything (a reset of the monitoring state, e.g. a new reference). */
  clear(): void {
    this.predictionRing.clear();
    this.labelledRing.clear();
    for (const w of this.predictions) w.clear();
    for (const w of this.labelled) w.clear();
  }
}
