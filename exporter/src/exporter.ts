import type {
  CalibrationBins,
  LabelEvent,
  LabelledLogSink,
  LoggedLabel,
  LoggedPrediction,
  PredictionBatch,
  ReferenceSource,
  WaitingPrediction,
} from '@driftlab/contracts';
import type { ColumnTestOptions } from './drift';
import { ExporterMetrics, type MonitoredModel } from './metrics/exporter-metrics';
import { ModelMonitor, type MonitorOptions } from './monitor/model-monitor';
import type { LabelOutcome } from './monitor/pending';
import { DriftReporter } from './monitor/report';
import { fitIsotonic, type Calibration } from './quality';
import { targetFromHoldout, type QualityTarget } from './quality-target';

export interface ExporterOptions {
  readonly references: ReferenceSource;
  readonly monitor?: MonitorOptions;
  /** Per model, per feature: the drift test to use instead of the default. */
  readonly columnTests?: Readonly<Record<string, Readonly<Record<string, ColumnTestOptions>>>>;
  /** Per model, a quality target instead of the one from the serving version's holdout metrics. */
  readonly qualityTargets?: Readonly<Record<string, QualityTarget>>;
  /** Where joined predictions are kept for retraining; written in batches. */
  readonly labelledLog?: LabelledLogSink;
  /** Rows buffered before a write to the labelled log (default 500); `flush()` writes the rest. */
  readonly storeBatch?: number;
  /**
   * A scrape within this many ms of wall time of the last computation reuses it (default 50, so the
   * families of one scrape share one). 0: whatever arrived since is computed at every scrape, for
   * callers that move simulated time faster than wall time (tests, the scenario harness).
   */
  readonly refreshMs?: number;
}

/**
 * The monitoring side: receives served predictions and late labels, keeps per-model window state,
 * fills the labelled log, and publishes everything at scrape time (`metrics.registry`).
 */
export class Exporter {
  readonly metrics: ExporterMetrics;
  private readonly models = new Map<string, MonitoredModel>();
  private readonly storePredictions: LoggedPrediction[] = [];
  private readonly storeLabels: LoggedLabel[] = [];
  private readonly storeBatch: number;

  constructor(private readonly options: ExporterOptions) {
    this.storeBatch = options.storeBatch ?? 500;
    this.metrics = new ExporterMetrics(
      () => this.models.values(),
      options.refreshMs,
      () => this.unknownModelLabels,
    );
  }

  /** The monitor of `model`, when it has received anything. */
  monitor(model: string): ModelMonitor | undefined {
    return this.models.get(model)?.monitor;
  }

  /** Every instance of an answered request. Never throws: an unknown version is skipped. */
  observeBatch(batch: PredictionBatch): void {
    const entry = this.entryFor(batch.model, batch.version);
    if (!entry) return;
    const { monitor } = entry;
    for (let i = 0; i < batch.requestIds.length; i++) {
      monitor.observe(
        batch.requestIds[i],
        batch.version,
        batch.time,
        batch.observed[i],
        batch.faultBits[i] ?? null,
        batch.unknownFields[i] ?? 0,
        batch.predictions[i],
        batch.scores[i],
      );
      if (this.options.labelledLog) {
        this.storePredictions.push({
          requestId: batch.requestIds[i],
          model: batch.model,
          version: batch.version,
          time: batch.time,
          features: batch.instances[i] as LoggedPrediction['features'],
          prediction: batch.predictions[i],
          score: batch.task === 'classification' ? batch.scores[i] : null,
        });
        if (this.storePredictions.length >= this.storeBatch) this.flush();
      }
    }
  }

  /** A late label; its outcome is counted (driftlab_labels_total), never fatal. */
  observeLabel(event: LabelEvent): LabelOutcome {
    const entry = this.models.get(event.model);
    const outcome = entry ? entry.monitor.label(event.requestId, event.label, event.time) : 'unknown';
    if (!entry) this.unknownModelLabels++;
    // A label the windows do not hold a prediction for may still join one in the labelled log (a
    // prediction from before this exporter started, or one the windows have let go): the log
    // joins by request id, and ignores ids it does not have.
    if (outcome !== 'duplicate' && this.options.labelledLog) {
      this.storeLabels.push({ requestId: event.requestId, label: event.label, time: event.time });
      if (this.storeLabels.length >= this.storeBatch) this.flush();
    }
    return outcome;
  }

  /**
   * Predictions served before this exporter started that still wait for their labels (from the
   * labelled log): their labels join as if it had seen them, so a restart loses no join.
   */
  expectLabels(waiting: readonly WaitingPrediction[]): void {
    for (const w of waiting) {
      const entry = this.models.get(w.model) ?? this.entryFor(w.model, w.version);
      entry?.monitor.expectLabel(w.requestId, w.version, w.time, w.prediction, w.score ?? w.prediction);
    }
  }

  /** Labels for models the exporter has never seen a prediction of. */
  unknownModelLabels = 0;

  /** Writes buffered rows to the labelled log (predictions first, so their labels join). */
  flush(): void {
    const log = this.options.labelledLog;
    if (!log) return;
    if (this.storePredictions.length > 0) log.recordPredictions(this.storePredictions.splice(0));
    if (this.storeLabels.length > 0) log.recordLabels(this.storeLabels.splice(0));
  }

  private entryFor(model: string, version: number): MonitoredModel | null {
    let entry = this.models.get(model);
    const current = entry?.monitor.referenceProfile;
    if (entry && current?.version === version) return entry;
    // A model seen for the first time, or another version serving now (a promotion or a rollback):
    // its training data becomes the drift reference.
    const reference = this.options.references.reference(model, version);
    if (!reference) return entry ?? null;
    if (!entry) {
      const monitor = new ModelMonitor(
        model,
        reference.schema.task,
        reference.schema.features,
        this.options.monitor,
      );
      entry = {
        monitor,
        drift: new DriftReporter(monitor, this.options.columnTests?.[model]),
        target: null,
      };
      this.models.set(model, entry);
    }
    entry.monitor.setReference(version, reference.profile, calibrationOf(reference.calibration));
    entry.target = this.options.qualityTargets?.[model] ?? targetFromHoldout(reference.holdout);
    return entry;
  }
}

/**
 * The calibration the label-free estimate uses: isotonic regression on the holdout's bins, each
 * weighted by its size (CBPE calibrates on reference data so). None without bins, or bins that
 * cannot be fitted (a malformed stored version): the scores are then taken as probabilities.
 */
function calibrationOf(bins: CalibrationBins | undefined): Calibration | undefined {
  if (!bins || !Array.isArray(bins.scores) || bins.scores.length === 0) return undefined;
  try {
    return fitIsotonic(bins.scores, bins.positiveRates, bins.counts);
  } catch {
    return undefined;
  }
}
