import { DataFrame, Field, FieldType } from '@grafana/data';

import { METRICS, MetricKind } from '../constants';
import { DriftMethod } from '../types';
import { examplesText, Issue, IssueCollector, plural } from './issues';
import { isDriftMethod, thresholdProblem } from './severity';

export type Labels = Record<string, string>;

/** One driftlab_drift_score series: a feature's test against the model version's reference. */
export interface ScoreSeries {
  model: string;
  feature: string;
  method: DriftMethod;
  thresholdLabel: string;
  threshold: number;
  /** Epoch milliseconds, ascending; NaN when the frame had no time field. */
  times: number[];
  values: number[];
  /** The last point (by time): the score "now". May be NaN or infinite. */
  latest: number;
  latestTime: number;
}

export interface SampleSizes {
  reference?: number;
  current?: number;
}

export interface BinProportions {
  reference?: number;
  current?: number;
}

/** Everything the panel understood from the query results, keyed for the views. */
export interface DriftData {
  scores: ScoreSeries[];
  /** driftlab_drift_detected by featureKey(model, feature) then method. */
  detected: Map<string, Map<string, number>>;
  /** driftlab_drift_statistic by featureKey(model, feature) then statistic. */
  statistics: Map<string, Map<string, number>>;
  /** driftlab_drift_sample_size by model. */
  sampleSizes: Map<string, SampleSizes>;
  /** driftlab_drift_bin_proportion by featureKey(model, feature) then bin label, in arrival order. */
  bins: Map<string, Map<string, BinProportions>>;
  issues: Issue[];
  frameCount: number;
  /** Series (or table rows) recognised as one of the five drift metrics, usable or not. */
  recognised: number;
  /** Earliest and latest timestamps seen, for views when the dashboard range is unusable. */
  timeExtent?: { from: number; to: number };
}

const SEP = '\u001f';

export function featureKey(model: string, feature: string): string {
  return `${model}${SEP}${feature}`;
}

const REQUIRED_LABELS: Record<MetricKind, string[]> = {
  score: ['model', 'feature', 'method', 'threshold'],
  detected: ['model', 'feature', 'method'],
  statistic: ['model', 'feature', 'statistic'],
  sampleSize: ['model', 'sample'],
  binProportion: ['model', 'feature', 'sample', 'bin'],
};

const KIND_BY_NAME = new Map<string, MetricKind>(
  (Object.keys(METRICS) as MetricKind[]).map((kind) => [METRICS[kind], kind])
);

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*/;

type Identified = { kind: MetricKind } | { foreign: string } | undefined;

/**
 * Which of the five metrics a series is. By name when Grafana kept it (the `__name__` label, the
 * dataplane field name, or a default legend such as `driftlab_drift_score{…}`); otherwise by its
 * labels, because aggregations (`max by (…)`) drop the name but keep what the panel needs.
 */
export function identifyMetric(names: Array<string | undefined>, labels: Labels): Identified {
  for (const candidate of [labels.__name__, ...names]) {
    if (!candidate) {
      continue;
    }
    const match = METRIC_NAME.exec(candidate.trim());
    const kind = match && KIND_BY_NAME.get(match[0]);
    if (kind) {
      return { kind };
    }
  }
  if (labels.__name__) {
    return { foreign: labels.__name__ };
  }
  if ('bin' in labels && 'sample' in labels) {
    return { kind: 'binProportion' };
  }
  if ('statistic' in labels) {
    return { kind: 'statistic' };
  }
  if ('sample' in labels && !('feature' in labels)) {
    return { kind: 'sampleSize' };
  }
  if ('method' in labels) {
    // A score without its threshold label looks the same; the missing label is reported then.
    return { kind: 'score' };
  }
  return undefined;
}

/** One numeric series from a frame, however the frame was shaped. */
interface RawSeries {
  names: Array<string | undefined>;
  labels: Labels;
  times: ArrayLike<unknown> | undefined;
  values: ArrayLike<unknown>;
  /** For table rows: the single row of `values` this series covers. */
  row?: number;
}

function toNumber(v: unknown): number | undefined {
  if (typeof v === 'number') {
    return v;
  }
  if (v === null || v === undefined || typeof v === 'boolean') {
    return undefined;
  }
  // Prometheus sends sample values as strings ("NaN", "+Inf") when a frame skipped conversion.
  const text = String(v).trim();
  if (text === '') {
    return undefined;
  }
  if (/^[+]?inf(inity)?$/i.test(text)) {
    return Infinity;
  }
  if (/^-inf(inity)?$/i.test(text)) {
    return -Infinity;
  }
  return Number(text);
}

function toTime(v: unknown): number {
  if (typeof v === 'number') {
    return v;
  }
  if (v instanceof Date) {
    return v.getTime();
  }
  if (typeof v === 'string') {
    const parsed = Date.parse(v);
    return Number.isNaN(parsed) ? NaN : parsed;
  }
  if (v && typeof (v as { valueOf: () => unknown }).valueOf === 'function') {
    const n = (v as { valueOf: () => unknown }).valueOf();
    return typeof n === 'number' ? n : NaN;
  }
  return NaN;
}

function frameSeries(frame: DataFrame, issues: IssueCollector): RawSeries[] {
  const fields: Field[] = Array.isArray(frame?.fields) ? frame.fields : [];
  const timeField = fields.find((f) => f?.type === FieldType.time);
  const numeric = fields.filter((f) => f?.type === FieldType.number && f.values && typeof f.values.length === 'number');
  const labelColumns = fields.filter((f) => f?.type === FieldType.string && f.values);
  if (numeric.length === 0) {
    const name = frame?.name || frame?.refId || 'unnamed';
    issues.add(
      'no-numeric',
      'warning',
      (n, ex) => `Ignored ${plural(n, 'frame')} without a numeric field${examplesText(ex, n)}.`,
      name
    );
    return [];
  }
  const frameNames = [frame.name];
  if (labelColumns.length === 0) {
    return numeric.map((f) => ({
      names: [f.name, f.config?.displayNameFromDS, ...frameNames],
      labels: { ...(f.labels ?? {}) },
      times: timeField?.values,
      values: f.values,
    }));
  }
  // Table format: labels are string columns, one series per row and numeric column.
  const out: RawSeries[] = [];
  const rows = Math.min(...numeric.map((f) => f.values.length));
  for (let row = 0; row < rows; row++) {
    const rowLabels: Labels = {};
    for (const column of labelColumns) {
      const v = column.values[row];
      if (v !== null && v !== undefined && v !== '') {
        rowLabels[column.name] = String(v);
      }
    }
    for (const f of numeric) {
      const labels = { ...(f.labels ?? {}), ...rowLabels };
      out.push({
        names: [f.name, f.config?.displayNameFromDS, ...frameNames],
        labels,
        times: timeField?.values,
        values: f.values,
        row,
      });
    }
  }
  return out;
}

/** Keeps the value with the latest time (ties: the later one seen). */
function setLatest<K>(map: Map<K, { v: number; t: number }>, key: K, v: number, t: number): void {
  const prev = map.get(key);
  if (!prev || !(t < prev.t)) {
    map.set(key, { v, t });
  }
}

interface ScoreAccumulator {
  model: string;
  feature: string;
  method: DriftMethod;
  thresholdLabel: string;
  threshold: number;
  times: number[];
  values: number[];
  sorted: boolean;
}

function describeSeries(labels: Labels): string {
  return [labels.model, labels.feature, labels.method ?? labels.statistic ?? labels.sample, labels.bin]
    .filter((x) => x !== undefined)
    .join('/');
}

const QUERY_HINT: Record<MetricKind, string> = {
  score: 'max by (model, feature, method, threshold) (driftlab_drift_score)',
  detected: 'max by (model, feature, method) (driftlab_drift_detected)',
  statistic: 'driftlab_drift_statistic{model="$model"}',
  sampleSize: 'driftlab_drift_sample_size{model="$model"}',
  binProportion: 'driftlab_drift_bin_proportion{model="$model"}',
};

/**
 * Reads the dashboard's frames into DriftData. Never throws: anything it cannot use becomes an
 * Issue that says what was wrong and what the query should look like.
 */
export function parseFrames(series: DataFrame[] | undefined | null): DriftData {
  const issues = new IssueCollector();
  const frames = Array.isArray(series) ? series : [];
  const scores = new Map<string, ScoreAccumulator>();
  const detected = new Map<string, { v: number; t: number }>();
  const statistics = new Map<string, { v: number; t: number }>();
  const sampleSizes = new Map<string, { v: number; t: number }>();
  const bins = new Map<string, { v: number; t: number }>();
  let recognised = 0;
  let minTime = Infinity;
  let maxTime = -Infinity;

  for (const frame of frames) {
    let raws: RawSeries[];
    try {
      raws = frameSeries(frame, issues);
    } catch {
      // A frame that is not a DataFrame at all (a plugin or transformation bug upstream).
      issues.add('bad-frame', 'warning', (n) => `Ignored ${plural(n, 'malformed frame')}.`);
      continue;
    }
    for (const raw of raws) {
      const id = identifyMetric(raw.names, raw.labels);
      if (!id) {
        issues.add(
          'unknown',
          'info',
          (n, ex) => `Ignored ${plural(n, 'series', 'series')} that are not drift metrics${examplesText(ex, n)}.`,
          raw.names.find((x) => x && x !== 'Value') ?? undefined
        );
        continue;
      }
      if ('foreign' in id) {
        issues.add(
          'foreign',
          'info',
          (n, ex) => `Ignored ${plural(n, 'series', 'series')} of other metrics${examplesText(ex, n)}.`,
          id.foreign
        );
        continue;
      }
      const kind = id.kind;
      recognised++;
      const missing = REQUIRED_LABELS[kind].filter((l) => raw.labels[l] === undefined || raw.labels[l] === '');
      if (missing.length > 0) {
        issues.add(
          `missing:${kind}:${missing.join(',')}`,
          kind === 'score' ? 'error' : 'warning',
          (n, ex) =>
            `${METRICS[kind]}: ${plural(n, 'series', 'series')} without the label${missing.length > 1 ? 's' : ''} ` +
            `${missing.map((l) => `"${l}"`).join(', ')}${examplesText(ex, n)}. The panel needs ` +
            `${REQUIRED_LABELS[kind].join(', ')}: keep them in the query, e.g. ${QUERY_HINT[kind]}.`,
          describeSeries(raw.labels) || undefined
        );
        continue;
      }
      const L = raw.labels;
      const from = raw.row ?? 0;
      const to = raw.row !== undefined ? raw.row + 1 : raw.values.length;

      if (kind === 'score') {
        if (!isDriftMethod(L.method)) {
          issues.add(
            `method:${L.method}`,
            'warning',
            (n, ex) =>
              `driftlab_drift_score: unknown method "${L.method}" in ${plural(n, 'series', 'series')}${examplesText(
                ex,
                n
              )}; expected ks, chi_square, wasserstein_norm, jensen_shannon or psi.`,
            describeSeries(L)
          );
          continue;
        }
        const threshold = Number(L.threshold);
        const problem = thresholdProblem(L.method, threshold);
        if (problem) {
          issues.add(
            `threshold:${L.method}:${L.threshold}`,
            'warning',
            (n, ex) =>
              `driftlab_drift_score: threshold "${L.threshold}" ${problem} (${L.method}); ` +
              `${plural(n, 'series', 'series')} not ranked${examplesText(ex, n)}.`,
            describeSeries(L)
          );
          continue;
        }
        const key = [L.model, L.feature, L.method, L.threshold].join(SEP);
        let acc = scores.get(key);
        if (!acc) {
          acc = {
            model: L.model,
            feature: L.feature,
            method: L.method,
            thresholdLabel: L.threshold,
            threshold,
            times: [],
            values: [],
            sorted: true,
          };
          scores.set(key, acc);
        }
        const { values, times } = raw;
        for (let i = from; i < to; i++) {
          // Numbers are the common case (100 features × 1,000 points): no call for them.
          const rv = values[i];
          const v = typeof rv === 'number' ? rv : toNumber(rv);
          if (v === undefined) {
            continue; // a gap, not a value
          }
          const rt = times ? times[i] : undefined;
          const t = typeof rt === 'number' ? rt : times ? toTime(rt) : NaN;
          const last = acc.times.length > 0 ? acc.times[acc.times.length - 1] : -Infinity;
          if (t < last) {
            acc.sorted = false;
          }
          acc.times.push(t);
          acc.values.push(v);
          if (t < minTime) {
            minTime = t;
          }
          if (t > maxTime) {
            maxTime = t;
          }
        }
        continue;
      }

      // The other metrics are read as their latest value only.
      let latestV: number | undefined;
      let latestT = -Infinity;
      for (let i = from; i < to; i++) {
        const v = toNumber(raw.values[i]);
        if (v === undefined) {
          continue;
        }
        const t = raw.times ? toTime(raw.times[i]) : NaN;
        if (latestV === undefined || !(t < latestT) || Number.isNaN(t)) {
          latestV = v;
          latestT = Number.isNaN(t) ? latestT : t;
        }
      }
      if (latestV === undefined) {
        continue;
      }
      if (kind === 'detected') {
        setLatest(detected, [L.model, L.feature, L.method].join(SEP), latestV, latestT);
      } else if (kind === 'statistic') {
        setLatest(statistics, [L.model, L.feature, L.statistic].join(SEP), latestV, latestT);
      } else if (kind === 'sampleSize') {
        setLatest(sampleSizes, [L.model, L.sample].join(SEP), latestV, latestT);
      } else {
        if (L.sample !== 'reference' && L.sample !== 'current') {
          issues.add(
            `sample:${L.sample}`,
            'warning',
            (n) => `driftlab_drift_bin_proportion: sample "${L.sample}" is neither reference nor current.`
          );
          continue;
        }
        if (!Number.isFinite(latestV) || latestV < 0) {
          issues.add(
            'bin-value',
            'warning',
            (n, ex) =>
              `driftlab_drift_bin_proportion: ${plural(n, 'value')} not a proportion (NaN, infinite or negative)` +
              `${examplesText(ex, n)}; shown as missing.`,
            describeSeries(L)
          );
          continue;
        }
        setLatest(bins, [L.model, L.feature, L.bin, L.sample].join(SEP), latestV, latestT);
      }
    }
  }

  const scoreList: ScoreSeries[] = [];
  for (const acc of scores.values()) {
    if (acc.times.length === 0) {
      continue;
    }
    let { times, values } = acc;
    if (!acc.sorted) {
      const order = times.map((_, i) => i).sort((a, b) => times[a] - times[b]);
      times = order.map((i) => acc.times[i]);
      values = order.map((i) => acc.values[i]);
    }
    const last = times.length - 1;
    scoreList.push({
      model: acc.model,
      feature: acc.feature,
      method: acc.method,
      thresholdLabel: acc.thresholdLabel,
      threshold: acc.threshold,
      times,
      values,
      latest: values[last],
      latestTime: times[last],
    });
  }

  const detectedOut = new Map<string, Map<string, number>>();
  for (const [key, { v }] of detected) {
    const [model, feature, method] = key.split(SEP);
    nested(detectedOut, featureKey(model, feature)).set(method, v);
  }
  const statisticsOut = new Map<string, Map<string, number>>();
  for (const [key, { v }] of statistics) {
    const [model, feature, statistic] = key.split(SEP);
    nested(statisticsOut, featureKey(model, feature)).set(statistic, v);
  }
  const sizesOut = new Map<string, SampleSizes>();
  for (const [key, { v }] of sampleSizes) {
    const [model, sample] = key.split(SEP);
    if (sample === 'reference' || sample === 'current') {
      sizesOut.set(model, { ...sizesOut.get(model), [sample]: v });
    }
  }
  const binsOut = new Map<string, Map<string, BinProportions>>();
  for (const [key, { v }] of bins) {
    const [model, feature, bin, sample] = key.split(SEP);
    const perFeature = nested(binsOut, featureKey(model, feature));
    perFeature.set(bin, { ...perFeature.get(bin), [sample]: v });
  }

  return {
    scores: scoreList,
    detected: detectedOut,
    statistics: statisticsOut,
    sampleSizes: sizesOut,
    bins: binsOut,
    issues: issues.list(),
    frameCount: frames.length,
    recognised,
    timeExtent: Number.isFinite(minTime) && Number.isFinite(maxTime) ? { from: minTime, to: maxTime } : undefined,
  };
}

function nested<V>(map: Map<string, Map<string, V>>, key: string): Map<string, V> {
  let inner = map.get(key);
  if (!inner) {
    inner = new Map();
    map.set(key, inner);
  }
  return inner;
}
