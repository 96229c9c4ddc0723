import { Registry, type Metric, type OpenMetricsContentType } from 'prom-client';
import { Adwin } from '../detectors';
import { type ColumnDrift, type DriftReporter, qualityReport } from '../monitor/report';
import { QUALITY_CHECK_NAMES, type QualityCheck } from '../monitor/feature-window';
import type { QualityTarget } from '../quality-target';
import type { ModelMonitor } from '../monitor/model-monitor';
import { FAMILIES, type FamilyKey, type FamilySpec } from './families';

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

/** Numbers as label values: shortest round trip, so "0.05" stays "0.05". */
function num(x: number): string {
  return String(x);
}

/** A numeric bin's interval, closed on the right like pandas.cut: "(-inf, 12.5]" … "(88, +inf)". */
export function binLabel(edges: readonly number[], k: number): string {
  const lo = k === 0 ? '-inf' : num(edges[k - 1]);
  const hi = k === edges.length ? '+inf)' : `${num(edges[k])}]`;
  return `(${lo}, ${hi}`;
}

/** Significant digits of a published bin edge, at least (more when edges would merge). */
export const BIN_EDGE_DIGITS = 6;

/**
 * The labels of a numeric column's bins as published: binLabel's intervals with every edge to
 * BIN_EDGE_DIGITS significant digits (C's %g), or to as many as keep distinct edges distinct:
 * "(-0.253347, 0.00123457]" rather than "(-0.2533471014380455, 0.001234567890123]". An edge
 * repeated (a tied decile) bounds an empty interval, (e, e], which no value can fall in: such
 * bins get null (not published: both shares are 0 by construction, and their labels repeat).
 */
export function binLabels(edges: readonly number[]): (string | null)[] {
  let digits = BIN_EDGE_DIGITS;
  const round = (x: number) => Number(x.toPrecision(digits));
  for (; digits < 17; digits++) {
    let merged = false;
    for (let k = 1; k < edges.length && !merged; k++)
      merged = edges[k] !== edges[k - 1] && round(edges[k]) === round(edges[k - 1]);
    if (!merged) break;
  }
  const text = edges.map((e) => (Number.isFinite(e) ? String(round(e)) : num(e)));
  const labels: (string | null)[] = [];
  for (let k = 0; k <= edges.length; k++) {
    if (k > 0 && k < edges.length && edges[k] === edges[k - 1]) labels.push(null);
    else labels.push(`(${k === 0 ? '-inf' : text[k - 1]}, ${k === edges.length ? '+inf)' : `${text[k]}]`}`);
  }
  return labels;
}

// prom-client's escaping of label values in the exposition.
function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

type Labels = Readonly<Record<string, string>>;
const NO_LABELS: Labels = Object.freeze({});

/**
 * One series. A gauge's line is written once, name and labels, as prom-client would write it: the
 * registry then only appends the value (it takes `metricName` as the series name and finds no
 * labels to format), instead of sorting, hashing and escaping every label of ~10,000 series at
 * every scrape. Counters (a few dozen) keep their labels: OpenMetrics appends `_total` to the
 * name.
 */
class Series {
  value = NaN;
  /** What prom-client formats: the written line for gauges, the labels for counters. */
  readonly metricName: string | undefined;
  readonly labels: Labels;
  readonly sharedLabels = NO_LABELS;

  constructor(
    readonly family: Family,
    /** The label values, in the family's label order. */
    readonly labelSet: Labels,
  ) {
    if (family.type === 'gauge') {
      const pairs = family.labelNames.map((l) => `${l}="${escapeLabelValue(labelSet[l])}"`);
      this.metricName = `${family.familyName}{${pairs.join(',')}}`;
      this.labels = NO_LABELS;
    } else {
      this.metricName = undefined;
      this.labels = labelSet;
    }
  }
}

/**
 * A metric family in the registry: prom-client's metric interface (name, help, type, get), filled
 * from the series the last refresh published. `get` gives labels as objects (JSON, merges);
 * `getForPromString`, which the registry prefers for the exposition, the written lines.
 */
class Family {
  readonly familyName: string;
  name: string;
  readonly help: string;
  readonly type: 'gauge' | 'counter';
  readonly labelNames: string[];
  readonly aggregator = 'sum';
  /** The series of the last refresh, in publication order. */
  series: Series[] = [];

  constructor(
    spec: FamilySpec,
    private readonly refresh: () => void,
  ) {
    this.familyName = spec.name;
    this.name = spec.name;
    this.help = spec.help;
    this.type = spec.type;
    this.labelNames = [...spec.labels];
  }

  async get() {
    this.refresh();
    return {
      name: this.name,
      help: this.help,
      type: this.type,
      aggregator: this.aggregator,
      values: this.series.map((s) => ({ labels: { ...s.labelSet }, value: s.value })),
    };
  }

  async getForPromString() {
    this.refresh();
    return {
      name: this.name,
      help: this.help,
      type: this.type,
      aggregator: this.aggregator,
      values: this.series,
    };
  }

  /** Values are computed from the monitors at scrape time: nothing to reset. */
  reset(): void {}
}

/** The series of one column of a drift report, kept while its labels hold. */
interface ColumnSeries {
  score?: Series;
  detected?: Series;
  /** driftlab_drift_statistic, in STATISTICS order. */
  statistics: Series[];
  /** Numeric bins: the edges they were labelled from, and per bin the reference and current series. */
  edges?: readonly number[];
  bins?: ([Series, Series] | null)[];
  /** Categorical bins by category. */
  categories?: Map<string, [Series, Series]>;
}

/** The statistics of driftlab_drift_statistic, as published per column (the numeric ones last). */
const STATISTICS = [
  'psi',
  'jensen_shannon',
  'chi_square',
  'chi_square_p_value',
  'ks',
  'ks_p_value',
  'wasserstein',
  'wasserstein_norm',
] as const;

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
  readonly registry = new Registry<OpenMetricsContentType>();
  private readonly families = new Map<FamilyKey, Family>();
  private readonly perModel = new Map<string, ModelSeries>();
  private lastRefresh = -Infinity;
  private publishedState = '';

  constructor(
    private readonly models: () => Iterable<MonitoredModel>,
    /** Reports computed within this many ms serve every family of a scrape (and scrapes that close). */
    private readonly refreshMs = 50,
    /** Labels for models the exporter had seen no prediction of (counted under UNSEEN_MODEL). */
    private readonly unseenModelLabels: () => number = () => 0,
  ) {
    this.registry.setContentType(Registry.OPENMETRICS_CONTENT_TYPE);
    const refresh = () => this.ensureFresh();
    for (const [key, spec] of Object.entries(FAMILIES) as [FamilyKey, FamilySpec][]) {
      const family = new Family(spec, refresh);
      this.families.set(key, family);
      this.registry.registerMetric(family as unknown as Metric);
    }
  }

  private ensureFresh(): void {
    const now = performance.now();
    if (now - this.lastRefresh < this.refreshMs) return;
    this.lastRefresh = now;
    // Nothing arrived since the last scrape: the published values still hold.
    const models = [...this.models()];
    const state =
      `${this.unseenModelLabels()}|` +
      models
        .map(
          ({ monitor: m }) =>
            `${m.name}:${m.observed}:${m.labels.joined}:${m.labels.duplicate}:${m.labels.unknown}:${m.referenceProfile?.version}`,
        )
        .join('|');
    if (state === this.publishedState) return;
    this.publishedState = state;
    for (const family of this.families.values()) family.series = [];
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
    // Counters stay once created (as prom-client's do), even for a model no longer listed.
    for (const m of this.perModel.values()) for (const s of m.counters.values()) s.family.series.push(s);
  }

  private modelSeries(model: string): ModelSeries {
    let m = this.perModel.get(model);
    if (!m)
      this.perModel.set(
        model,
        (m = {
          counters: new Map(),
          gauges: new Map(),
          windows: new Map(),
          columns: new Map(),
          totals: new Map(),
        }),
      );
    return m;
  }

  /** A series of `key` kept in `cache` under `id` (made on first use), its labels from `labels`. */
  private series(cache: Map<string, Series>, id: string, key: FamilyKey, labels: () => Labels): Series {
    let s = cache.get(id);
    if (!s) cache.set(id, (s = this.make(key, labels())));
    return s;
  }

  private make(key: FamilyKey, labels: Labels): Series {
    return new Series(this.families.get(key)!, labels);
  }

  /** Publishes a gauge series with `value`, unless NaN: absent beats NaN (PromQL comparisons with NaN are always false). */
  private set(s: Series, value: number): void {
    if (Number.isNaN(value)) return;
    s.value = value;
    s.family.series.push(s);
  }

  private count(m: ModelSeries, id: string, key: FamilyKey, labels: () => Labels, total: number): void {
    const s = this.series(m.counters, id, key, labels);
    const previous = m.totals.get(s);
    if (previous === undefined) s.value = Math.max(total, 0);
    else if (total > previous) s.value += total - previous;
    m.totals.set(s, total);
  }

  private publish({ monitor, drift, target }: MonitoredModel): void {
    const model = monitor.name;
    const m = this.modelSeries(model);
    if (target)
      this.set(
        this.series(m.gauges, `target:${target.metric}`, 'qualityTarget', () => ({
          model,
          metric: target.metric,
        })),
        target.value,
      );
    for (const [outcome, n] of Object.entries(monitor.labels))
      this.count(m, `labels:${outcome}`, 'labels', () => ({ model, outcome }), n);
    this.count(m, 'labels:expired', 'labels', () => ({ model, outcome: 'expired' }), monitor.pending.expired);
    this.count(m, 'schemaViolations', 'schemaViolations', () => ({ model }), monitor.schemaViolations);
    this.set(
      this.series(m.gauges, 'labelCoverage', 'labelCoverage', () => ({ model })),
      monitor.labelCoverage.count(monitor.latestTimeMs).ratio,
    );

    const states = monitor.versions();
    for (const v of qualityReport(monitor)) {
      const version = String(v.version);
      const state = states.find((s) => s.version === v.version)!;
      this.count(m, `predictions:${version}`, 'predictions', () => ({ model, version }), state.predictions);
      for (const detector of state.detectors) {
        const id = `${version}:${detector.method}`;
        const labels = () => ({ model, version, detector: detector.method });
        this.count(m, `detections:${id}`, 'detections', labels, detector.detections);
        if (detector.lastDetectionMs !== null && Number.isFinite(detector.lastDetectionMs))
          this.set(
            this.series(m.gauges, `lastDetection:${id}`, 'lastDetection', labels),
            detector.lastDetectionMs / 1000,
          );
        if (detector instanceof Adwin && detector.updates > 0)
          this.set(
            this.series(m.gauges, `errorEstimate:${version}`, 'errorEstimate', () => ({ model, version })),
            detector.estimation,
          );
      }
      for (const w of v.windows) {
        const id = `${version}:${w.window}`;
        let ws = m.windows.get(id);
        if (!ws) m.windows.set(id, (ws = new Map()));
        const labels = () => ({ model, version, window: w.window });
        const set = (key: FamilyKey, value: number) => this.set(this.series(ws, key, key, labels), value);
        set('windowPredictions', w.predictions);
        set('windowLabelled', w.labelled);
        this.set(
          this.series(ws, 'delay:mean', 'labelDelay', () => ({ ...labels(), statistic: 'mean' })),
          w.delay.meanSeconds,
        );
        this.set(
          this.series(ws, 'delay:p95', 'labelDelay', () => ({ ...labels(), statistic: 'p95' })),
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
    }

    const report = drift.report();
    if (!report) return;
    const gauge = (id: string, key: FamilyKey, labels: () => Labels, value: number) =>
      this.set(this.series(m.gauges, id, key, labels), value);
    gauge('referenceVersion', 'referenceVersion', () => ({ model }), report.referenceVersion);
    gauge(
      'sample:reference',
      'driftSampleSize',
      () => ({ model, sample: 'reference' }),
      report.referenceSize,
    );
    gauge('sample:current', 'driftSampleSize', () => ({ model, sample: 'current' }), report.currentSize);
    gauge('duplicates', 'duplicateInstances', () => ({ model }), monitor.duplicates.share);
    for (const column of report.columns) this.publishColumn(m, model, column);
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
          series: this.make('dataQuality', { model, feature: field.name, check }),
        })),
      );
    for (const q of m.dataQuality) this.set(q.series, monitor.features.failureRate(q.j, q.check));
  }

  private publishColumn(m: ModelSeries, model: string, c: ColumnDrift): void {
    const feature = c.feature;
    let cs = m.columns.get(feature);
    if (!cs)
      m.columns.set(
        feature,
        (cs = {
          statistics: STATISTICS.map((statistic) =>
            this.make('driftStatistic', { model, feature, statistic }),
          ),
        }),
      );
    const method = c.test.method;
    const threshold = num(c.test.threshold);
    if (cs.score?.labelSet.method !== method || cs.score.labelSet.threshold !== threshold)
      cs.score = this.make('driftScore', { model, feature, method, threshold });
    this.set(cs.score, c.test.score);
    if (!Number.isNaN(c.test.score)) {
      if (cs.detected?.labelSet.method !== method)
        cs.detected = this.make('driftDetected', { model, feature, method });
      this.set(cs.detected, c.test.drifted ? 1 : 0);
    }
    const statistics = cs.statistics;
    this.set(statistics[0], c.psi);
    this.set(statistics[1], c.jensenShannon);
    this.set(statistics[2], c.chiSquare.statistic);
    this.set(statistics[3], c.chiSquare.pValue);
    if (c.type === 'numeric') {
      this.set(statistics[4], c.ks.statistic);
      this.set(statistics[5], c.ks.pValue);
      this.set(statistics[6], c.wasserstein);
      this.set(statistics[7], c.wassersteinNorm);
      if (cs.edges !== c.bins.edges) {
        cs.edges = c.bins.edges;
        cs.bins = binLabels(c.bins.edges).map((bin) =>
          bin === null
            ? null
            : [
                this.make('driftBin', { model, feature, sample: 'reference', bin }),
                this.make('driftBin', { model, feature, sample: 'current', bin }),
              ],
        );
      }
      const bins = cs.bins!;
      for (let k = 0; k < bins.length; k++) {
        const pair = bins[k];
        if (pair) this.set(pair[0], c.bins.reference[k]);
      }
      for (let k = 0; k < bins.length; k++) {
        const pair = bins[k];
        if (pair) this.set(pair[1], c.bins.current[k]);
      }
    } else {
      const categories = (cs.categories ??= new Map());
      const pairs = c.bins.categories.map((bin) => {
        let pair = categories.get(bin);
        if (!pair)
          categories.set(
            bin,
            (pair = [
              this.make('driftBin', { model, feature, sample: 'reference', bin }),
              this.make('driftBin', { model, feature, sample: 'current', bin }),
            ]),
          );
        return pair;
      });
      pairs.forEach((pair, k) => this.set(pair[0], c.bins.reference[k]));
      pairs.forEach((pair, k) => this.set(pair[1], c.bins.current[k]));
    }
  }
}
