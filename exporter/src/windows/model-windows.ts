import type { LabelledEvent, PredictionEvent } from './events';
import { LabelledWindow } from './labelled-window';
import { PredictionWindow } from './prediction-window';
import { checkWindowSpec, DEFAULT_WINDOWS, windowName, type WindowSpec } from './spec';

/**
 * All the windows of one model version: for each spec, one window of predictions (labelled or not)
 * and one of labelled predictions. The ingest side calls `pushPrediction` when a prediction is
 * served and `pushLabelled` when its label has been joined to it; metrics are computed from the
 * windows' `columns()` at scrape time, after `advance(now)`.
 */
export class ModelWindows {
  readonly predictions: readonly PredictionWindow[];
  readonly labelled: readonly LabelledWindow[];

  constructor(specs: readonly WindowSpec[] = DEFAULT_WINDOWS) {
    const names = new Set<string>();
    specs.forEach((spec, i) => {
      checkWindowSpec(spec, `windows[${i}]`);
      const name = windowName(spec);
      if (names.has(name))
        throw new RangeError(`windows[${i}]: expected a window not listed before, got ${name} again`);
      names.add(name);
    });
    this.predictions = specs.map((spec) => new PredictionWindow(spec));
    this.labelled = specs.map((spec) => new LabelledWindow(spec));
  }

  /**
   * Adds a served prediction to every prediction window. Returns its ticket, the same for every
   * window since they all see every prediction: keep it with the pending request for `pushLabelled`.
   */
  pushPrediction(event: PredictionEvent): number {
    const windows = this.predictions;
    let ticket = -1;
    for (let i = 0; i < windows.length; i++) ticket = windows[i].push(event);
    return ticket;
  }

  /** Adds a labelled prediction to every labelled window and marks its label arrived (by ticket). */
  pushLabelled(event: LabelledEvent): void {
    const labelled = this.labelled;
    for (let i = 0; i < labelled.length; i++) labelled[i].push(event);
    if (event.ticket < 0) return;
    const predictions = this.predictions;
    for (let i = 0; i < predictions.length; i++) predictions[i].markLabelled(event.ticket);
  }

  /** Moves every window's clock to `nowMs`: time windows drop what is older than their span. */
  advance(nowMs: number): void {
    for (const w of this.predictions) w.advance(nowMs);
    for (const w of this.labelled) w.advance(nowMs);
  }

  /** Forgets everything (a reset of the monitoring state, e.g. a new reference). */
  clear(): void {
    for (const w of this.predictions) w.clear();
    for (const w of this.labelled) w.clear();
  }
}
