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
