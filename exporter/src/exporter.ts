import type {
  CalibrationBins,
  LabelEvent,
  LabelledLogSink,
  LoggedLabel,
  LoggedPrediction,
  ModelReference,
  PredictionBatch,
  ReferenceSource,
  WaitingPrediction,
} from '@driftlab/contracts';
import {
  Admission,
  DEFAULT_INGEST_LIMITS,
  REFUSAL_REASONS,
  Refusal,
  type AdmissionView,
  type IngestLimits,
  type RefusalReason,
} from './admission';
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
  /** Bounds on what events may create and what a request may cost (default DEFAULT_INGEST_LIMITS). */
  readonly limits?: Partial<IngestLimits>;
}

/** A monitored model and the versions it has taken in (admission bounds them). */
interface TrackedEntry extends MonitoredModel {
  readonly versions: Set<number>;
  /** The version serving now and its reference (asked of the reference source once per switch). */
  serving: { readonly version: number; readonly reference: ModelReference } | null;
}

/** Label outcomes of one request. */
export type LabelCounts = Record<LabelOutcome, number>;

const own = <T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined =>
  record && Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;

/**
 * The monitoring side: receives served predictions and late labels, keeps per-model window state,
 * fills the labelled log, and publishes everything at scrape time (`metrics.registry`).
 */
export class Exporter {
  readonly metrics: ExporterMetrics;
  readonly limits: IngestLimits;
  /** Events refused, by reason (driftlab_exporter_events_refused_total). */
  readonly refused: Record<RefusalReason, number>;
  private readonly models = new Map<string, TrackedEntry>();
  private readonly storePredictions: LoggedPrediction[] = [];
  private readonly storeLabels: LoggedLabel[] = [];
  private readonly storeBatch: number;

  constructor(private readonly options: ExporterOptions) {
    this.storeBatch = options.storeBatch ?? 500;
    this.limits = { ...DEFAULT_INGEST_LIMITS, ...options.limits };
    this.refused = Object.fromEntries(REFUSAL_REASONS.map((r) => [r, 0])) as Record<RefusalReason, number>;
    this.metrics = new ExporterMetrics(
      () => this.models.values(),
      options.refreshMs,
      () => this.unknownModelLabels,
      () => this.refused,
    );
  }

  /** The monitor of `model`, when it has received anything. */
  monitor(model: string): ModelMonitor | undefined {
    return this.models.get(model)?.monitor;
  }

  /**
   * The batches of one ingest request: checked whole against what the exporter knows
   * (admission.ts), then recorded. A refused batch throws its Refusal (counted) and nothing of the
   * request is recorded. Returns the instances recorded.
   */
  ingestBatches(batches: readonly PredictionBatch[], field = (i: number) => `batches[${i}]`): number {
    const admission = new Admission(this.view, this.limits);
    const references = batches.map((b, i) => this.counted(() => admission.batch(b, field(i))));
    let instances = 0;
    batches.forEach((b, i) => {
      this.record(b, references[i]);
      instances += b.requestIds.length;
    });
    return instances;
  }

  /** The labels of one ingest request: their times checked first (a Refusal, counted), then joined. */
  ingestLabels(labels: readonly LabelEvent[], field = (i: number) => `labels[${i}]`): LabelCounts {
    const admission = new Admission(this.view, this.limits);
    labels.forEach((l, i) => this.counted(() => admission.label(l, field(i))));
    const counts: LabelCounts = { joined: 0, duplicate: 0, unknown: 0 };
    for (const label of labels) counts[this.joinLabel(label)]++;
    return counts;
  }

  /**
   * Every instance of an answered request, from serving in this process; whether it was recorded.
   * Never throws: a batch admission refuses (an unknown version, an implausible time…) is counted
   * and skipped.
   */
  observeBatch(batch: PredictionBatch): boolean {
    let reference: ModelReference;
    try {
      reference = this.counted(() => new Admission(this.view, this.limits).batch(batch, 'batch'));
    } catch (e) {
      if (e instanceof Refusal) return false;
      throw e;
    }
    this.record(batch, reference);
    return true;
  }

  /** Runs a check, counting the refusal it throws. */
  private counted<T>(check: () => T): T {
    try {
      return check();
    } catch (e) {
      if (e instanceof Refusal) this.refused[e.reason]++;
      throw e;
    }
  }

  /** What admission reads of this exporter. */
  private readonly view: AdmissionView = {
    reference: (model, version) => {
      const serving = this.models.get(model)?.serving;
      return serving?.version === version
        ? serving.reference
        : this.options.references.reference(model, version);
    },
    tracked: (model) => {
      const entry = this.models.get(model);
      return entry && { latestTimeMs: entry.monitor.latestTimeMs, versions: entry.versions };
    },
    trackedCount: () => this.models.size,
    configured: (model) =>
      own(this.options.columnTests, model) !== undefined ||
      own(this.options.qualityTargets, model) !== undefined,
  };

  /** An admitted batch, `reference` its version's. */
  private record(batch: PredictionBatch, reference: ModelReference): void {
    const { monitor } = this.entryFor(batch.model, batch.version, reference);
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

  /**
   * A late label, from the simulator in this process; its outcome is counted
   * (driftlab_labels_total), never fatal. A label admission refuses (an implausible time) is
   * counted there and answered 'refused'.
   */
  observeLabel(event: LabelEvent): LabelOutcome | 'refused' {
    try {
      this.counted(() => new Admission(this.view, this.limits).label(event, 'label'));
    } catch (e) {
      if (e instanceof Refusal) return 'refused';
      throw e;
    }
    return this.joinLabel(event);
  }

  private joinLabel(event: LabelEvent): LabelOutcome {
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
      let entry = this.models.get(w.model);
      if (!entry) {
        const reference = this.options.references.reference(w.model, w.version);
        if (reference) entry = this.entryFor(w.model, w.version, reference);
      }
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

  /** The model's entry, made on its first event, with `version` serving; `reference` is that version's. */
  private entryFor(model: string, version: number, reference: ModelReference): TrackedEntry {
    let entry = this.models.get(model);
    if (!entry) {
      const monitor = new ModelMonitor(
        model,
        reference.schema.task,
        reference.schema.features,
        this.options.monitor,
      );
      entry = {
        monitor,
        drift: new DriftReporter(monitor, own(this.options.columnTests, model)),
        target: null,
        versions: new Set(),
        serving: null,
      };
      this.models.set(model, entry);
    }
    entry.versions.add(version);
    if (entry.serving?.version === version) return entry;
    // A model seen for the first time, or another version serving now (a promotion or a rollback):
    // its training data becomes the drift reference.
    entry.serving = { version, reference };
    entry.monitor.setReference(version, reference.profile, calibrationOf(reference.calibration));
    entry.target = own(this.options.qualityTargets, model) ?? targetFromHoldout(reference.holdout);
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
