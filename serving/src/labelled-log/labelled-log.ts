import Database from 'better-sqlite3';
import type {
  FeatureRecord,
  LabelledLogSink,
  LoggedLabel,
  LoggedPrediction,
  WaitingPrediction,
} from '@driftlab/contracts';
import type { LabelledRecord } from '../models';

/*
 * The labelled log: every prediction the lab served, joined with its ground-truth label when that
 * arrives late. The exporter fills it (predictions, then labels by request id); serving retrains
 * from its most recent labelled rows. Schema and retention: serving/docs/labelled-log.md.
 */

/** What became of a batch of labels: only `joined` ones were stored; the rest are counted. */
export interface LabelCounts {
  joined: number;
  /** A label for a request that already has one (the first one stays). */
  duplicate: number;
  /** A label for a request id the log does not hold (never predicted, or pruned). */
  unknown: number;
}

export interface LabelledLogOptions {
  /** Rows kept per model; older ones are deleted (default 200,000): the disk use is bounded. */
  readonly maxRowsPerModel?: number;
}

export const DEFAULT_MAX_ROWS_PER_MODEL = 200_000;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS predictions (
  request_id   TEXT PRIMARY KEY,
  model        TEXT NOT NULL,
  version      INTEGER NOT NULL,
  predicted_at INTEGER NOT NULL,
  features     TEXT NOT NULL,
  prediction   REAL NOT NULL,
  score        REAL,
  label        REAL,
  labelled_at  INTEGER
);
CREATE INDEX IF NOT EXISTS predictions_by_model_time ON predictions (model, predicted_at);
`;

interface PredictionRow {
  request_id: string;
  model: string;
  version: number;
  predicted_at: number;
  features: string;
  prediction: number;
  score: number | null;
  label: number | null;
  labelled_at: number | null;
}

/**
 * The labelled log in an embedded SQLite database (WAL mode, so the lab can write while a retrain
 * reads). Writes are batched by the caller: one transaction per batch keeps the cost per row in
 * microseconds. Safe to share between processes on one host (compose mounts one volume).
 */
export class LabelledLog implements LabelledLogSink {
  private readonly db: Database.Database;
  private readonly maxRows: number;
  private readonly insert: Database.Statement;
  private readonly attachLabel: Database.Statement;
  private readonly exists: Database.Statement;
  private readonly countModel: Database.Statement;
  private readonly pruneModel: Database.Statement;
  private readonly insertedSincePrune = new Map<string, number>();

  constructor(
    readonly path: string,
    options: LabelledLogOptions = {},
  ) {
    this.maxRows = options.maxRowsPerModel ?? DEFAULT_MAX_ROWS_PER_MODEL;
    if (!Number.isInteger(this.maxRows) || this.maxRows < 1)
      throw new RangeError(`maxRowsPerModel: expected a positive integer, got ${this.maxRows}`);
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    // NORMAL in WAL mode: a power cut may lose the last transactions, never corrupt the file.
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SCHEMA);
    this.insert = this.db.prepare(
      `INSERT OR IGNORE INTO predictions (request_id, model, version, predicted_at, features, prediction, score)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    this.attachLabel = this.db.prepare(
      'UPDATE predictions SET label = ?, labelled_at = ? WHERE request_id = ? AND label IS NULL',
    );
    this.exists = this.db.prepare('SELECT 1 FROM predictions WHERE request_id = ?').pluck();
    this.countModel = this.db.prepare('SELECT count(*) FROM predictions WHERE model = ?').pluck();
    this.pruneModel = this.db.prepare(
      `DELETE FROM predictions WHERE model = ? AND rowid IN (
         SELECT rowid FROM predictions WHERE model = ? ORDER BY predicted_at ASC, rowid ASC LIMIT ?)`,
    );
  }

  /** Records served predictions in one transaction; a request id seen before is ignored. */
  recordPredictions(predictions: readonly LoggedPrediction[]): number {
    let inserted = 0;
    this.db.transaction(() => {
      for (const p of predictions) {
        const r = this.insert.run(
          p.requestId,
          p.model,
          p.version,
          Math.round(p.time),
          JSON.stringify(p.features),
          p.prediction,
          p.score,
        );
        if (r.changes > 0) {
          inserted++;
          this.insertedSincePrune.set(p.model, (this.insertedSincePrune.get(p.model) ?? 0) + 1);
        }
      }
      for (const [model, n] of this.insertedSincePrune)
        if (n >= Math.min(1000, Math.ceil(this.maxRows / 10))) this.prune(model);
    })();
    return inserted;
  }

  /** Joins late labels to their predictions, in one transaction. */
  recordLabels(labels: readonly LoggedLabel[]): LabelCounts {
    const outcome: LabelCounts = { joined: 0, duplicate: 0, unknown: 0 };
    this.db.transaction(() => {
      for (const l of labels) {
        if (this.attachLabel.run(l.label, Math.round(l.time), l.requestId).changes > 0) outcome.joined++;
        else if (this.exists.get(l.requestId)) outcome.duplicate++;
        else outcome.unknown++;
      }
    })();
    return outcome;
  }

  /**
   * The most recent `count` labelled predictions of `model` (by prediction time), oldest first, as
   * training records: what "retrain on the last N labelled events" trains on.
   */
  recentLabelled(model: string, count: number): LabelledRecord[] {
    const rows = this.db
      .prepare(
        `SELECT features, label, predicted_at FROM predictions
         WHERE model = ? AND label IS NOT NULL ORDER BY predicted_at DESC, rowid DESC LIMIT ?`,
      )
      .all(model, count) as Pick<PredictionRow, 'features' | 'label' | 'predicted_at'>[];
    return rows.reverse().map((r) => ({
      features: JSON.parse(r.features) as FeatureRecord,
      label: r.label!,
      time: r.predicted_at,
    }));
  }

  /**
   * The newest `count` predictions still waiting for their label, oldest first, without their
   * features: what a restarted exporter expects labels for (WaitingPrediction).
   */
  waitingForLabels(count: number): WaitingPrediction[] {
    const rows = this.db
      .prepare(
        `SELECT request_id, model, version, predicted_at, prediction, score FROM predictions
         WHERE label IS NULL ORDER BY predicted_at DESC, rowid DESC LIMIT ?`,
      )
      .all(count) as Pick<
      PredictionRow,
      'request_id' | 'model' | 'version' | 'predicted_at' | 'prediction' | 'score'
    >[];
    return rows.reverse().map((r) => ({
      requestId: r.request_id,
      model: r.model,
      version: r.version,
      time: r.predicted_at,
      prediction: r.prediction,
      score: r.score,
    }));
  }

  /** Row counts of `model`: all predictions and those with a label. */
  counts(model: string): { predictions: number; labelled: number } {
    const row = this.db
      .prepare('SELECT count(*) AS predictions, count(label) AS labelled FROM predictions WHERE model = ?')
      .get(model) as { predictions: number; labelled: number };
    return row;
  }

  /** One stored row, for inspection and tests. */
  get(requestId: string): PredictionRow | undefined {
    return this.db.prepare('SELECT * FROM predictions WHERE request_id = ?').get(requestId) as
      PredictionRow | undefined;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  /** Deletes the oldest rows of `model` beyond the retention limit. */
  private prune(model: string): void {
    this.insertedSincePrune.set(model, 0);
    const excess = (this.countModel.get(model) as number) - this.maxRows;
    if (excess > 0) this.pruneModel.run(model, model, excess);
  }
}
