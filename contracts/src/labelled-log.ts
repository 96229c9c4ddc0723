// The labelled log's contract: the exporter writes served predictions and their late labels to it;
// serving owns the store (SQLite) and retrains from it. Schema and retention:
// serving/docs/labelled-log.md.

/** An instance as the client sent it: field name to value. */
export type FeatureRecord = Readonly<Record<string, number | string | null | undefined>>;

/** One served prediction, as the exporter records it. */
export interface LoggedPrediction {
  readonly requestId: string;
  readonly model: string;
  readonly version: number;
  /** Event time of the request, epoch milliseconds (simulated time in a fast-forwarded lab). */
  readonly time: number;
  /** The instance as the client sent it (after the input policy's imputation, if any). */
  readonly features: FeatureRecord;
  /** The predicted class (0/1) or value. */
  readonly prediction: number;
  /** Classifiers: P(class 1); regressors: null. */
  readonly score: number | null;
}

export interface LoggedLabel {
  readonly requestId: string;
  readonly label: number;
  /** When the label arrived, epoch milliseconds. */
  readonly time: number;
}

/** A logged prediction still waiting for its label: what a restarted exporter expects labels for. */
export type WaitingPrediction = Omit<LoggedPrediction, 'features'>;

/** Where the exporter writes joined rows, in batches (one transaction per call). */
export interface LabelledLogSink {
  recordPredictions(rows: readonly LoggedPrediction[]): void;
  recordLabels(rows: readonly LoggedLabel[]): unknown;
}
