/** The detectors by name, for a bounded `method` metric label. */
export type DetectorMethod = 'adwin' | 'page_hinkley';

/**
 * An online change detector on a stream of errors: 0/1 misses of a classifier, or absolute errors of
 * a regressor. Constant memory and O(1) amortised work per update.
 */
export interface DriftDetector {
  readonly method: DetectorMethod;
  /** Feeds one error observed at event time `timeMs` (epoch ms); true when a change is detected now. */
  update(error: number, timeMs: number): boolean;
  /** Updates since construction or reset. */
  readonly updates: number;
  /** Changes detected since construction or reset. */
  readonly detections: number;
  /** Event time (ms) of the latest detection, or null before the first. */
  readonly lastDetectionMs: number | null;
  /** Forgets everything, counts included (e.g. after a retrain or a rollback). */
  reset(): void;
}

/** What every detector counts: its updates, its detections and when the latest was. */
export abstract class CountingDetector {
  protected count = 0;
  private detected = 0;
  private lastDetection: number | null = null;

  get updates(): number {
    return this.count;
  }

  get detections(): number {
    return this.detected;
  }

  get lastDetectionMs(): number | null {
    return this.lastDetection;
  }

  /** Counts a detection at event time `timeMs`. */
  protected detectedAt(timeMs: number): void {
    this.detected++;
    this.lastDetection = timeMs;
  }

  /** Forgets the counts. */
  protected resetCounts(): void {
    this.count = 0;
    this.detected = 0;
    this.lastDetection = null;
  }
}
