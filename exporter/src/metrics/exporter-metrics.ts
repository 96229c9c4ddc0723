import { Counter, Gauge, Registry, type OpenMetricsContentType } from 'prom-client';
import { Adwin } from '../detectors';
import { type ColumnDrift, type DriftReporter, qualityReport } from '../monitor/report';
import { QUALITY_CHECK_NAMES } from '../monitor/feature-window';
import type { ModelMonitor } from '../monitor/model-monitor';
import { FAMILIES, type FamilyKey, type FamilySpec } from './families';

/** A monitored model as the metrics see it. */
export interface MonitoredModel {
  readonly monitor: ModelMonitor;
  readonly drift: DriftReporter;
}

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

/**
 * The exporter's Prometheus registry (OpenMetrics). Every value is computed at scrape time from the
 * monitors' window state: the first family collected in a scrape refreshes all of them from one
 * set of reports (cached per model until new events arrive), the others reuse it.
 */
export class ExporterMetrics {
  readonly registry = new Registry<OpenMetricsContentType>();
  private readonly gauges = new Map<FamilyKey, Gauge<string>>();
  private readonly counters = new Map<FamilyKey, Counter<string>>();
  /** What each counter series has published so far, so a scrape adds only the difference. */
  private readonly published = new Map<string, number>();
  private lastRefresh = -Infinity;

  constructor(
    private readonly models: () => Iterable<MonitoredModel>,
    /** Reports computed within this many ms serve every family of a scrape (and scrapes that close). */
    private readonly refreshMs = 50,
  ) {
    this.registry.setContentType(Registry.OPENMETRICS_CONTENT_TYPE);
    const refresh = () => this.ensureFresh();
    for (const [key, spec] of Object.entries(FAMILIES) as [FamilyKey, FamilySpec][]) {
      const config = {
        name: spec.name,
        help: spec.help,
        labelNames: [...spec.labels],
        registers: [this.registry],
        collect: refresh,
      };
      if (spec.type === 'gauge') this.gauges.set(key, new Gauge(config));
      else this.counters.set(key, new Counter(config));
    }
  }

  private ensureFresh(): void {
    const now = performance.now();
    if (now - this.lastRefresh < this.refreshMs) return;
    this.lastRefresh = now;
    // Nothing arrived since the last scrape: the published values still hold.
    const models = [...this.models()];
    const state = models
      .map(
        ({ monitor: m }) =>
          `${m.name}:${m.observed}:${m.labels.joined}:${m.labels.duplicate}:${m.labels.unknown}:${m.referenceProfile?.version}`,
      )
      .join('|');
    if (state === this.publishedState) return;
    this.publishedState = state;
    for (const gauge of this.gauges.values()) gauge.reset();
    for (const model of models) this.publish(model);
  }

  private publishedState = '';

  private set(key: FamilyKey, labels: Record<string, string>, value: number): void {
    if (Number.isNaN(value)) return; // absent beats NaN: PromQL comparisons with NaN are always false
    this.gauges.get(key)!.set(labels, value);
  }

  private count(key: FamilyKey, labels: Record<string, string>, total: number): void {
    const id = `${key}\u0000${Object.values(labels).join('\u0000')}`;
    const delta = total - (this.published.get(id) ?? 0);
    if (delta > 0) this.counters.get(key)!.inc(labels, delta);
    else if (delta === 0 && !this.published.has(id)) this.counters.get(key)!.inc(labels, 0);
    this.published.set(id, total);
  }

  private publish({ monitor, drift }: MonitoredModel): void {
    const model = monitor.name;
    for (const [outcome, n] of Object.entries(monitor.labels)) this.count('labels', { model, outcome }, n);
    this.count('labels', { model, outcome: 'expired' }, monitor.pending.expired);
    this.count('schemaViolations', { model }, monitor.schemaViolations);

    for (const v of qualityReport(monitor)) {
      const version = String(v.version);
      const state = monitor.versions().find((s) => s.version === v.version)!;
      this.count('predictions', { model, version }, state.predictions);
      for (const detector of state.detectors) {
        const labels = { model, version, detector: detector.method };
        this.count('detections', labels, detector.detections);
        if (detector.lastDetectionMs !== null && Number.isFinite(detector.lastDetectionMs))
          this.set('lastDetection', labels, detector.lastDetectionMs / 1000);
        if (detector instanceof Adwin && detector.updates > 0)
          this.set('errorEstimate', { model, version }, detector.estimation);
      }
      for (const w of v.windows) {
        const labels = { model, version, window: w.window };
        this.set('windowPredictions', labels, w.predictions);
        this.set('windowLabelled', labels, w.labelled);
        this.set('labelCoverage', labels, w.coverage);
        this.set('labelDelay', { ...labels, statistic: 'mean' }, w.delay.meanSeconds);
        this.set('labelDelay', { ...labels, statistic: 'p95' }, w.delay.p95Seconds);
        const r = w.realized;
        if ('accuracy' in r) {
          this.set('accuracy', labels, r.accuracy);
          this.set('precision', labels, r.precision);
          this.set('recall', labels, r.recall);
          this.set('f1', labels, r.f1);
          this.set('rocAuc', labels, r.rocAuc);
          this.set('logLoss', labels, r.logLoss);
          this.set('calibrationError', labels, r.ece);
        } else {
          this.set('mae', labels, r.mae);
          this.set('rmse', labels, r.rmse);
          this.set('mape', labels, r.mape);
        }
        if (w.estimated) {
          this.set('estimatedAccuracy', labels, w.estimated.accuracy);
          this.set('estimatedF1', labels, w.estimated.f1);
        }
      }
    }

    const report = drift.report();
    if (!report) return;
    this.set('referenceVersion', { model }, report.referenceVersion);
    this.set('driftSampleSize', { model, sample: 'reference' }, report.referenceSize);
    this.set('driftSampleSize', { model, sample: 'current' }, report.currentSize);
    for (const column of report.columns) this.publishColumn(model, column);
    monitor.fields.forEach((field, j) => {
      for (const check of QUALITY_CHECK_NAMES) {
        if (check === 'unseen_category' && field.kind !== 'categorical') continue;
        if (check === 'out_of_range' && field.kind !== 'numeric') continue;
        this.set(
          'dataQuality',
          { model, feature: field.name, check },
          monitor.features.failureRate(j, check),
        );
      }
    });
  }

  private publishColumn(model: string, c: ColumnDrift): void {
    const feature = c.feature;
    const method = c.test.method;
    this.set('driftScore', { model, feature, method, threshold: num(c.test.threshold) }, c.test.score);
    if (!Number.isNaN(c.test.score))
      this.set('driftDetected', { model, feature, method }, c.test.drifted ? 1 : 0);
    const stat = (statistic: string, value: number) =>
      this.set('driftStatistic', { model, feature, statistic }, value);
    stat('psi', c.psi);
    stat('jensen_shannon', c.jensenShannon);
    stat('chi_square', c.chiSquare.statistic);
    stat('chi_square_p_value', c.chiSquare.pValue);
    const bins = (sample: 'reference' | 'current', shares: readonly number[], name: (k: number) => string) =>
      shares.forEach((share, k) => this.set('driftBin', { model, feature, sample, bin: name(k) }, share));
    if (c.type === 'numeric') {
      stat('ks', c.ks.statistic);
      stat('ks_p_value', c.ks.pValue);
      stat('wasserstein', c.wasserstein);
      stat('wasserstein_norm', c.wassersteinNorm);
      const name = (k: number) => binLabel(c.bins.edges, k);
      bins('reference', c.bins.reference, name);
      bins('current', c.bins.current, name);
    } else {
      const name = (k: number) => c.bins.categories[k];
      bins('reference', c.bins.reference, name);
      bins('current', c.bins.current, name);
    }
  }
}
