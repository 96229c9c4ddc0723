import type { ReferenceProfile, SchemaField } from '@driftlab/contracts';
import { Adwin, PageHinkley, PAGE_HINKLEY_FOR_ERROR_RATES, type DriftDetector } from '../detectors';
import { LabelCoverage, type Calibration, type LabelCoverageSpec } from '../quality';
import { ModelWindows, DEFAULT_WINDOWS, type WindowSpec } from '../windows';
import { DuplicateTracker } from './duplicates';
import { FeatureWindow } from './feature-window';
import { DUPLICATE, PendingPredictions, UNKNOWN, type LabelOutcome } from './pending';
import type { RingState } from './sorted-column';

/*
 * Everything the exporter tracks about one model: the instances it received (drift and data
 * quality, against the serving version's training reference), the predictions of each version and
 * their late labels (windows, quality), and the error stream's change detectors. Per-event work is
 * a few typed-array writes; statistics are computed at scrape time (report.ts).
 */

export interface MonitorOptions {
  /** Quality windows per version (default: last 1,000, last 10,000, last hour). */
  readonly windows?: readonly WindowSpec[];
  /** Instances the drift and data-quality window holds (default 2,000). */
  readonly driftWindow?: number;
  /** Predictions kept for their label (default 50,000): beyond, the oldest are forgotten (expired if unlabelled). */
  readonly pendingCapacity?: number;
  /** Versions whose quality is tracked at once (default 3): the oldest seen is dropped beyond. */
  readonly versionsKept?: number;
  /** The band of prediction times label coverage is counted over (default: made 60 to 30 minutes ago). */
  readonly labelCoverage?: LabelCoverageSpec;
}

export const DEFAULT_DRIFT_WINDOW = 2000;

/** One model version's predictions, labels and detectors. */
export interface VersionState {
  readonly version: number;
  readonly windows: ModelWindows;
  readonly detectors: readonly DriftDetector[];
  predictions: number;
  labelled: number;
}

/** Label outcomes counted per model (never fatal). */
export interface LabelCounts {
  joined: number;
  duplicate: number;
  unknown: number;
}

export class ModelMonitor {
  readonly features: FeatureWindow;
  /** Instances sent twice (a client's retries), over the drift window. */
  readonly duplicates: DuplicateTracker;
  /** The model's outputs (P(class 1) or the value) over the drift window: prediction drift. */
  readonly outputs: Float64Array;
  private outputNext = 0;
  private outputCount = 0;
  private outputGeneration = 0;
  readonly pending: PendingPredictions;
  readonly labels: LabelCounts = { joined: 0, duplicate: 0, unknown: 0 };
  /** Of every version's predictions old enough to have their label, the labelled share. */
  readonly labelCoverage: LabelCoverage;
  private readonly versionStates = new Map<number, VersionState>();
  private readonly calibrations = new Map<number, Calibration>();
  private readonly windowSpecs: readonly WindowSpec[];
  private readonly versionsKept: number;
  private reference: { version: number; profile: ReferenceProfile } | null = null;
  /** The newest event time seen (simulated ms): "now" for time windows. */
  latestTimeMs = -Infinity;
  /** Instances observed in all. */
  observed = 0;
  /** Instances observed with any input fault or unknown field, in all. */
  schemaViolations = 0;

  constructor(
    readonly name: string,
    readonly task: 'classification' | 'regression',
    readonly fields: readonly SchemaField[],
    options: MonitorOptions = {},
  ) {
    const driftWindow = options.driftWindow ?? DEFAULT_DRIFT_WINDOW;
    this.features = new FeatureWindow(fields, driftWindow);
    this.duplicates = new DuplicateTracker(driftWindow);
    this.outputs = new Float64Array(driftWindow);
    this.pending = new PendingPredictions(options.pendingCapacity);
    this.labelCoverage = new LabelCoverage(options.labelCoverage);
    this.windowSpecs = options.windows ?? DEFAULT_WINDOWS;
    this.versionsKept = options.versionsKept ?? 3;
    if (!Number.isInteger(this.versionsKept) || this.versionsKept < 1)
      throw new RangeError(`versionsKept: expected a positive integer, got ${this.versionsKept}`);
  }

  /** The serving version and its training reference: what drift is measured against. */
  setReference(version: number, profile: ReferenceProfile, calibration?: Calibration): void {
    if (this.reference?.version === version) return;
    if (this.reference) {
      // The outputs of the version served before are not the new one's: comparing them with the
      // new version's training outputs would report drift after every promotion or rollback.
      this.outputNext = 0;
      this.outputCount = 0;
      this.outputGeneration++;
    }
    this.reference = { version, profile };
    if (calibration) this.calibrations.set(version, calibration);
    // Kept for the versions whose quality is tracked, and the serving one: bounded as they are.
    for (const v of this.calibrations.keys())
      if (v !== version && !this.versionStates.has(v)) this.calibrations.delete(v);
  }

  /** A version's calibration of its scores (from its holdout), for the label-free estimate. */
  calibration(version: number): Calibration | undefined {
    return this.calibrations.get(version);
  }

  get referenceProfile(): { version: number; profile: ReferenceProfile } | null {
    return this.reference;
  }

  versions(): VersionState[] {
    return [...this.versionStates.values()];
  }

  /** Outputs of the serving version held in the drift window. */
  get outputsHeld(): number {
    return this.outputCount;
  }

  /** The model's outputs in the drift window (a fresh array). */
  outputValues(): Float64Array {
    return this.outputs.slice(0, this.outputCount);
  }

  /** The outputs' ring as it stands (for a SortedColumn). */
  outputRing(): RingState {
    return {
      values: this.outputs,
      next: this.outputNext,
      filled: this.outputCount,
      pushed: this.observed,
      generation: this.outputGeneration,
    };
  }

  /** One served instance and its prediction. */
  observe(
    requestId: string,
    version: number,
    timeMs: number,
    observed: ArrayLike<number>,
    faultBits: ArrayLike<number> | null,
    unknownFields: number,
    value: number,
    score: number,
  ): void {
    this.observed++;
    if (timeMs > this.latestTimeMs) this.latestTimeMs = timeMs;
    this.features.push(observed, faultBits, unknownFields);
    this.duplicates.observe(timeMs, observed);
    if (unknownFields > 0 || hasFault(faultBits)) this.schemaViolations++;
    this.outputs[this.outputNext] = score;
    this.outputNext = this.outputNext + 1 === this.outputs.length ? 0 : this.outputNext + 1;
    if (this.outputCount < this.outputs.length) this.outputCount++;
    const state = this.versionState(version);
    state.predictions++;
    const event = this.predictionEvent;
    event.value = value;
    event.score = score;
    event.timeMs = timeMs;
    state.windows.pushPrediction(event);
    this.labelCoverage.predicted(timeMs);
    this.pending.add(requestId, version, value, score, timeMs);
  }

  /**
   * A prediction served before this monitor existed (a restarted exporter), waiting for its label:
   * joined when it comes, and counted where label coverage counts predictions. Its inputs were
   * monitored before the restart: the feature windows do not see it again.
   */
  expectLabel(requestId: string, version: number, timeMs: number, value: number, score: number): void {
    this.labelCoverage.predicted(timeMs);
    this.pending.add(requestId, version, value, score, timeMs);
  }

  /** A late label: joined to its prediction when that is still waiting. */
  label(requestId: string, label: number, timeMs: number): LabelOutcome {
    const pending = this.pending;
    const slot = pending.join(requestId);
    if (slot === UNKNOWN) {
      this.labels.unknown++;
      return 'unknown';
    }
    if (slot === DUPLICATE) {
      this.labels.duplicate++;
      return 'duplicate';
    }
    this.labels.joined++;
    if (timeMs > this.latestTimeMs) this.latestTimeMs = timeMs;
    this.labelCoverage.labelArrived(pending.timeOf(slot));
    const state = this.trackedVersion(pending.versionOf(slot));
    if (!state) return 'joined'; // its version is no longer tracked
    state.labelled++;
    const value = pending.valueOf(slot);
    const event = this.labelledEvent;
    event.value = value;
    event.score = pending.scoreOf(slot);
    event.label = label;
    event.predictionTimeMs = pending.timeOf(slot);
    event.labelTimeMs = timeMs;
    state.windows.pushLabelled(event);
    const error =
      this.task === 'classification' ? (value === label ? 0 : 1) : this.regressionError(value, label);
    const detectors = state.detectors;
    for (let i = 0; i < detectors.length; i++) detectors[i].update(error, timeMs);
    return 'joined';
  }

  /** Moves time windows to the newest event time (call before reading them). */
  advance(): void {
    if (this.latestTimeMs === -Infinity) return;
    for (const state of this.versionStates.values()) state.windows.advance(this.latestTimeMs);
  }

  // Reused event records: windows copy fields, never keep the object.
  private readonly predictionEvent = { value: 0, score: 0, timeMs: 0 };
  private readonly labelledEvent = {
    value: 0,
    score: 0,
    label: 0,
    predictionTimeMs: 0,
    labelTimeMs: 0,
  };

  /**
   * Regression errors for the detectors, scaled into [0, 1] as ADWIN's bound assumes: the absolute
   * error in units of the training target's standard deviation, capped at 1.
   */
  private regressionError(value: number, label: number): number {
    const target = this.reference?.profile.target;
    const sd = target && target.kind === 'numeric' && target.sd > 0 ? target.sd : 1;
    return Math.min(1, Math.abs(value - label) / sd);
  }

  /** The state of a tracked version, or undefined; the last one asked for is at hand. */
  private trackedVersion(version: number): VersionState | undefined {
    const last = this.lastState;
    if (last !== null && last.version === version) return last;
    const state = this.versionStates.get(version);
    if (state) this.lastState = state;
    return state;
  }

  private lastState: VersionState | null = null;

  private versionState(version: number): VersionState {
    let state = this.trackedVersion(version);
    if (state) return state;
    if (this.versionStates.size >= this.versionsKept) {
      // Drop the oldest version first seen (Map keeps insertion order).
      const oldest = this.versionStates.keys().next().value!;
      this.versionStates.delete(oldest);
      if (this.lastState?.version === oldest) this.lastState = null;
    }
    state = {
      version,
      windows: new ModelWindows(this.windowSpecs),
      detectors: [new Adwin(), new PageHinkley(PAGE_HINKLEY_FOR_ERROR_RATES)],
      predictions: 0,
      labelled: 0,
    };
    this.versionStates.set(version, state);
    this.lastState = state;
    return state;
  }
}

function hasFault(bits: ArrayLike<number> | null): boolean {
  if (!bits) return false;
  for (let j = 0; j < bits.length; j++) if (bits[j] !== 0) return true;
  return false;
}
