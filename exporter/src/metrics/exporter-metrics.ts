import { REFUSAL_REASONS, type RefusalReason } from '../admission';
import type { QualityTarget } from '../quality-target';
import { Adwin } from '../detectors';
import { QUALITY_CHECK_NAMES, type QualityCheck } from '../monitor/feature-window';
import type { ModelMonitor, VersionState } from '../monitor/model-monitor';
import {
  type DriftReporter,
  qualityReport,
  type VersionQuality,
  type WindowQuality,
} from '../monitor/report';
import { publishColumn, type ColumnSeries } from './drift-series';
import type { FamilyKey } from './families';
import { Families, type Labels, type Series } from './prom-adapter';

/** A monitored model as the metrics see it. */
export interface MonitoredModel {
  readonly monitor: ModelMonitor;
  readonly drift: DriftReporter;
  /** The quality the serving version is held to (null: its holdout metrics say nothing usable). */
  target: QualityTarget | null;
}

/**
 * The `model` label of labels for a model the exporter had seen no prediction of (a label faster
 * than its prediction, or a name no model has): one series, whatever the names, so labels stay bounded.
 */
export const UNSEEN_MODEL = '(unseen)';

const NO_REFUSALS = Object.fromEntries(REFUSAL_REASONS.map((r) => [r, 0])) as Record<RefusalReason, number>;

function newModelSeries(): ModelSeries {
  return {
    counters: new Map(),
    gauges: new Map(),
    windows: new Map(),
    columns: new Map(),
    totals: new Map(),
  };
}

/** One window of one version: its series per family. */
type WindowSeries = Map<string, Series>;

/** Every series of one model, kept between refreshes so that a line is written once. */
interface ModelSeries {
  readonly counters: Map<string, Series>;
  readonly gauges: Map<string, Series>;
  readonly windows: Map<string, WindowSeries>;
  readonly columns: Map<string, ColumnSeries>;
  /** Per counter series, the total last published (a counter only ever adds the difference). */
  readonly totals: Map<Series, number>;
  dataQuality?: { readonly j: number; readonly check: QualityCheck; readonly series: Series }[];
}

/**
 * The exporter's Prometheus registry (OpenMetrics). Every value is computed at scrape time from the
 * monitors' window state: the first family collected in a scrape refreshes all of them from one
 * set of reports (cached per model until new events arrive), the others reuse it. Series objects
 * (and their written lines) live as long as their labels do, so a scrape only sets values.
 */
export class ExporterMetrics {
  private readonly families = new Families(() => this.ensureFresh());
  readonly registry = this.families.registry;
  private readonly perModel = new Map<string, ModelSeries>();
  /** The exporter's own series (no model label): refused events. */
  private readonly own = newModelSeries();
  private lastRefresh = -Infinity;
  private publishedState = '';

  constructor(
    private readonly models: () => Iterable<MonitoredModel>,
    /** Reports computed within this many ms serve every family of a scrape (and scrapes that close). */
    private readonly refreshMs = 50,
    /** Labels for models the exporter had seen no prediction of (counted under UNSEEN_MODEL). */
    private readonly unseenModelLabels: () => number = () => 0,
    /** Events refused by admission, by reason (every reason published, from 0). */
    private readonly refused: () => Readonly<Record<RefusalReason, number>> = () => NO_REFUSALS,
  ) {}

  private ensureFresh(): void {
    const now = performance.now();
    if (now - this.lastRefresh < this.refreshMs) return;
    this.lastRefresh = now;
    // Nothing arrived since the last scrape: the published values still hold.
    const models = [...this.models()];
    const refused = this.refused();
    const state =
      `${this.unseenModelLabels()}|${REFUSAL_REASONS.map((r) => refused[r]).join(',')}|` +
      models
        .map(
          ({ monitor: m }) =>
            `${m.name}:${m.observed}:${m.labels.joined}:${m.labels.duplicate}:${m.labels.unknown}:${m.referenceProfile?.version}`,
        )
        .join('|');
    if (state === this.publishedState) return;
    this.publishedState = state;
    this.families.clear();
    for (const model of models) this.publish(model);
    const unseen = this.unseenModelLabels();
    if (unseen > 0)
      this.count(
        this.modelSeries(UNSEEN_MODEL),
        'labels:unknown',
        'labels',
        () => ({ model: UNSEEN_MODEL, outcome: 'unknown' }),
        unseen,
      );
    for (const reason of REFUSAL_REASONS)
      this.count(this.own, `refused:${reason}`, 'eventsRefused', () => ({ reason }), refused[reason]);
    // Counters stay once created (as prom-client's do), even for a model no longer listed.
    for (const s of this.own.counters.values()) s.publish();
    for (const m of this.perModel.values()) for (const s of m.counters.values()) s.publish();
  }

  private modelSeries(model: string): ModelSeries {
    let m = this.perModel.get(model);
    if (!m) this.perModel.set(model, (m = newModelSeries()));
    return m;
  }

  /** A series of `key` kept in `cache` under `id` (made on first use), its labels from `labels`. */
  private series(cache: Map<string, Series>, id: string, key: FamilyKey, labels: () => Labels): Series {
    let s = cache.get(id);
    if (!s) cache.set(id, (s = this.families.series(key, labels())));
    return s;
  }

  private count(m: ModelSeries, id: string, key: FamilyKey, labels: () => Labels, total: number): void {
    const s = this.series(m.counters, id, key, labels);
    const previous = m.totals.get(s);
    if (previous === undefined) s.value = Math.max(total, 0);
    else if (total > previous) s.value += total - previous;
    m.totals.set(s, total);
  }

  private publish(model: MonitoredModel): void {
    const m = this.modelSeries(model.monitor.name);
    this.publishModel(m, model);
    const states = model.monitor.versions();
    // A version no longer tracked publishes no window again: its series go (its counters stay).
    const tracked = new Set(states.map((s) => `${s.version}:`));
    for (const id of m.windows.keys())
      if (!tracked.has(id.slice(0, id.indexOf(':') + 1))) m.windows.delete(id);
    for (const v of qualityReport(model.monitor)) {
      const state = states.find((s) => s.version === v.version)!;
      this.publishVersion(m, model.monitor.name, state, v);
    }
    this.publishDrift(m, model);
  }

  /** Per model: its quality target, label outcomes, schema violations and label coverage. */
  private publishModel(m: ModelSeries, { monitor, target }: MonitoredModel): void {
    const model = monitor.name;
    if (target)
      this.series(m.gauges, `target:${target.metric}`, 'qualityTarget', () => ({
        model,
        metric: target.metric,
      })).set(target.value);
    for (const [outcome, n] of Object.entries(monitor.labels))
      this.count(m, `labels:${outcome}`, 'labels', () => ({ model, outcome }), n);
    this.count(m, 'labels:expired', 'labels', () => ({ model, outcome: 'expired' }), monitor.pending.expired);
    this.count(m, 'schemaViolations', 'schemaViolations', () => ({ model }), monitor.schemaViolations);
    this.series(m.gauges, 'labelCoverage', 'labelCoverage', () => ({ model })).set(
      monitor.labelCoverage.count(monitor.latestTimeMs).ratio,
    );
  }

  /** Per version: predictions, its detectors, and the quality of each window. */
  private publishVersion(m: ModelSeries, model: string, state: VersionState, v: VersionQuality): void {
    const version = String(v.version);
    this.count(m, `predictions:${version}`, 'predictions', () => ({ model, version }), state.predictions);
    for (const detector of state.detectors) {
      const id = `${version}:${detector.method}`;
      const labels = () => ({ model, version, detector: detector.method });
      this.count(m, `detections:${id}`, 'detections', labels, detector.detections);
      if (detector.lastDetectionMs !== null && Number.isFinite(detector.lastDetectionMs))
        this.series(m.gauges, `lastDetection:${id}`, 'lastDetection', labels).set(
          detector.lastDetectionMs / 1000,
        );
      if (detector instanceof Adwin && detector.updates > 0)
        this.series(m.gauges, `errorEstimate:${version}`, 'errorEstimate', () => ({ model, version })).set(
          detector.estimation,
        );
    }
    for (const w of v.windows) this.publishWindow(m, model, version, w);
  }

  private publishWindow(m: ModelSeries, model: string, version: string, w: WindowQuality): void {
    const id = `${version}:${w.window}`;
    let ws = m.windows.get(id);
    if (!ws) m.windows.set(id, (ws = new Map()));
    const labels = () => ({ model, version, window: w.window });
    const set = (key: FamilyKey, value: number) => this.series(ws, key, key, labels).set(value);
    set('windowPredictions', w.predictions);
    set('windowLabelled', w.labelled);
    this.series(ws, 'delay:mean', 'labelDelay', () => ({ ...labels(), statistic: 'mean' })).set(
      w.delay.meanSeconds,
    );
    this.series(ws, 'delay:p95', 'labelDelay', () => ({ ...labels(), statistic: 'p95' })).set(
      w.delay.p95Seconds,
    );
    const r = w.realized;
    if ('accuracy' in r) {
      set('accuracy', r.accuracy);
      set('precision', r.precision);
      set('recall', r.recall);
      set('f1', r.f1);
      set('rocAuc', r.rocAuc);
      set('logLoss', r.logLoss);
      set('calibrationError', r.ece);
    } else {
      set('mae', r.mae);
      set('rmse', r.rmse);
      set('mape', r.mape);
    }
    if (w.estimated) {
      set('estimatedAccuracy', w.estimated.accuracy);
      set('estimatedF1', w.estimated.f1);
    }
  }

  /** The drift report (every column), duplicates and data quality, once the model has a reference. */
  private publishDrift(m: ModelSeries, { monitor, drift }: MonitoredModel): void {
    const report = drift.report();
    if (!report) return;
    const model = monitor.name;
    const gauge = (id: string, key: FamilyKey, labels: () => Labels, value: number) =>
      this.series(m.gauges, id, key, labels).set(value);
    gauge('referenceVersion', 'referenceVersion', () => ({ model }), report.referenceVersion);
    gauge(
      'sample:reference',
      'driftSampleSize',
      () => ({ model, sample: 'reference' }),
      report.referenceSize,
    );
    gauge('sample:current', 'driftSampleSize', () => ({ model, sample: 'current' }), report.currentSize);
    gauge('duplicates', 'duplicateInstances', () => ({ model }), monitor.duplicates.share);
    for (const column of report.columns) publishColumn(this.families, m.columns, model, column);
    // Data quality: per feature the checks that apply to its kind, series made once per model.
    if (!m.dataQuality)
      m.dataQuality = monitor.fields.flatMap((field, j) =>
        QUALITY_CHECK_NAMES.filter(
          (check) =>
            !(check === 'unseen_category' && field.kind !== 'categorical') &&
            !(check === 'out_of_range' && field.kind !== 'numeric'),
        ).map((check) => ({
          j,
          check,
          series: this.families.series('dataQuality', { model, feature: field.name, check }),
        })),
      );
    for (const q of m.dataQuality) q.series.set(monitor.features.failureRate(q.j, q.check));
  }
}
