/*
 * What the ingest side hands to the windows. Both are plain mutable records so that a caller can
 * fill one object per stream and pass it on every call: windows copy the fields, never the object.
 */

/** A prediction as served, before its label is known. */
export interface PredictionEvent {
  /** Classification: the predicted class (0 or 1); regression: the predicted value. */
  value: number;
  /** Classification: P(class 1); regression: unused (serving sends the value again). */
  score: number;
  /** When the prediction was made: event (simulated) time, epoch ms, finite. */
  timeMs: number;
}

/** A prediction joined with its late label. */
export interface LabelledEvent {
  value: number;
  score: number;
  /** Ground truth: 0 or 1 for classification, the value for regression. */
  label: number;
  /** When the prediction was made (epoch ms). */
  predictionTimeMs: number;
  /** When the label arrived (epoch ms): labelled windows are ordered and expired by this time. */
  labelTimeMs: number;
}
