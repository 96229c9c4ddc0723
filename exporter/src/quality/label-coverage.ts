/*
 * Label coverage: of the predictions old enough to have their label, the share whose label came.
 *
 * Labels come late, so the share of a window's predictions that are labelled mostly measures how
 * young the window is: after a burst of traffic the newest predictions swamp it and it falls for
 * no fault of the feedback pipeline. Coverage is therefore counted over the predictions made in a
 * band of time that labels have had `wait` to reach: made between wait + span and wait ago.
 */

/** The band coverage is counted over: predictions made between wait + span and wait ago. */
export interface LabelCoverageSpec {
  /** How long labels are given to arrive, in seconds (default 30 minutes). */
  readonly waitSeconds: number;
  /** How much time of predictions the band holds, in seconds (default 30 minutes). */
  readonly spanSeconds: number;
}

export const DEFAULT_LABEL_COVERAGE: LabelCoverageSpec = { waitSeconds: 1800, spanSeconds: 1800 };

/** Predictions the band must hold before coverage is reported: fewer say too little (NaN). */
export const MIN_COVERAGE_SAMPLE = 200;

/** Predictions are counted in buckets of this much time: the band moves a minute at a time. */
const BUCKET_MS = 60_000;

export interface LabelCoverageCount {
  /** Predictions made in the band. */
  readonly predictions: number;
  /** Of those, the ones whose label has arrived. */
  readonly labelled: number;
  /** labelled / predictions; NaN while the band holds fewer than MIN_COVERAGE_SAMPLE predictions. */
  readonly ratio: number;
}

/** Throws a RangeError naming the field when `spec` is not a valid band. */
function checkLabelCoverageSpec(spec: LabelCoverageSpec, field = 'labelCoverage'): void {
  for (const key of ['waitSeconds', 'spanSeconds'] as const) {
    const s = spec[key];
    if (typeof s !== 'number' || !Number.isFinite(s) || s < 0 || (key === 'spanSeconds' && s < 60))
      throw new RangeError(
        `${field}.${key}: expected ${key === 'spanSeconds' ? 'at least 60' : 'a number of'} seconds, got ${String(s)}`,
      );
  }
}

/**
 * Counts predictions and their labels by the minute the prediction was made, for the minutes the
 * band can reach: memory is a few hundred numbers whatever the traffic and the run's length.
 */
export class LabelCoverage {
  private readonly waitMs: number;
  private readonly spanMs: number;
  /** Per slot, the bucket (minute since the epoch) it counts, and its counts. */
  private readonly bucketOf: Float64Array;
  private readonly predictions: Float64Array;
  private readonly labelled: Float64Array;

  constructor(spec: LabelCoverageSpec = DEFAULT_LABEL_COVERAGE) {
    checkLabelCoverageSpec(spec);
    this.waitMs = spec.waitSeconds * 1000;
    this.spanMs = spec.spanSeconds * 1000;
    // Every bucket from the band's oldest to the newest prediction's, and one to spare.
    const slots = Math.ceil((this.waitMs + this.spanMs) / BUCKET_MS) + 2;
    this.bucketOf = new Float64Array(slots).fill(-1);
    this.predictions = new Float64Array(slots);
    this.labelled = new Float64Array(slots);
  }

  /** A prediction made at `timeMs`. */
  predicted(timeMs: number): void {
    const slot = this.slotFor(timeMs, true);
    if (slot >= 0) this.predictions[slot]++;
  }

  /** The label of a prediction made at `predictionTimeMs` arrived (count each prediction once). */
  labelArrived(predictionTimeMs: number): void {
    const slot = this.slotFor(predictionTimeMs, false);
    if (slot >= 0) this.labelled[slot]++;
  }

  /** Coverage of the predictions made between wait + span and wait before `nowMs`, in whole minutes. */
  count(nowMs: number): LabelCoverageCount {
    // The band's buckets: those wholly inside [now − wait − span, now − wait].
    const first = Math.ceil((nowMs - this.waitMs - this.spanMs) / BUCKET_MS);
    const last = Math.floor((nowMs - this.waitMs) / BUCKET_MS) - 1;
    let predictions = 0;
    let labelled = 0;
    for (let bucket = first; bucket <= last; bucket++) {
      const slot = this.slotOf(bucket);
      if (this.bucketOf[slot] !== bucket) continue;
      predictions += this.predictions[slot];
      labelled += this.labelled[slot];
    }
    return {
      predictions,
      labelled,
      ratio: predictions >= MIN_COVERAGE_SAMPLE ? labelled / predictions : NaN,
    };
  }

  private slotOf(bucket: number): number {
    const n = this.bucketOf.length;
    return ((bucket % n) + n) % n;
  }

  /** The slot counting the bucket of `timeMs`, claimed afresh when it counted an older one; −1 when too old to count. */
  private slotFor(timeMs: number, claim: boolean): number {
    if (!Number.isFinite(timeMs)) return -1;
    const bucket = Math.floor(timeMs / BUCKET_MS);
    const slot = this.slotOf(bucket);
    const held = this.bucketOf[slot];
    if (held === bucket) return slot;
    // A label's prediction is counted where the prediction was: a label for an unseen bucket counts nothing.
    if (held > bucket || !claim) return -1;
    this.bucketOf[slot] = bucket;
    this.predictions[slot] = 0;
    this.labelled[slot] = 0;
    return slot;
  }
}
