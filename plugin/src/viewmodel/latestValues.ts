import { MetricKind } from '../constants';
import type { BinProportions, DriftData, Labels, SampleSizes } from './frames';
import { describeSeries } from './identify';
import { examplesText, IssueCollector, plural } from './issues';
import { featureKey, joinKey, splitKey } from './keys';
import { pointRange, RawSeries, toNumber, toTime } from './rawSeries';

interface Point {
  v: number;
  t: number;
}

type LatestData = Pick<DriftData, 'detected' | 'statistics' | 'sampleSizes' | 'bins'>;

/** The metrics other than the score, of which the views need only the value "now". */
export class LatestCollector {
  private readonly detected = new Map<string, Point>();
  private readonly statistics = new Map<string, Point>();
  private readonly sampleSizes = new Map<string, Point>();
  private readonly bins = new Map<string, Point>();

  add(kind: Exclude<MetricKind, 'score'>, raw: RawSeries, issues: IssueCollector): void {
    const latest = latestPoint(raw);
    if (!latest) {
      return;
    }
    const L = raw.labels;
    if (kind === 'detected') {
      setLatest(this.detected, joinKey(L.model, L.feature, L.method), latest);
    } else if (kind === 'statistic') {
      setLatest(this.statistics, joinKey(L.model, L.feature, L.statistic), latest);
    } else if (kind === 'sampleSize') {
      setLatest(this.sampleSizes, joinKey(L.model, L.sample), latest);
    } else if (isProportion(L, latest.v, issues)) {
      setLatest(this.bins, joinKey(L.model, L.feature, L.bin, L.sample), latest);
    }
  }

  /** The latest values keyed for the views: by feature, then method, statistic or bin. */
  result(): LatestData {
    const sampleSizes = new Map<string, SampleSizes>();
    for (const [key, { v }] of this.sampleSizes) {
      const [model, sample] = splitKey(key);
      if (sample === 'reference' || sample === 'current') {
        sampleSizes.set(model, { ...sampleSizes.get(model), [sample]: v });
      }
    }
    const bins = new Map<string, Map<string, BinProportions>>();
    for (const [key, { v }] of this.bins) {
      const [model, feature, bin, sample] = splitKey(key);
      const perFeature = nested(bins, featureKey(model, feature));
      perFeature.set(bin, { ...perFeature.get(bin), [sample]: v });
    }
    return { detected: byFeature(this.detected), statistics: byFeature(this.statistics), sampleSizes, bins };
  }
}

/** The series' last point by time; points without a time count as the latest seen. */
function latestPoint(raw: RawSeries): Point | undefined {
  let latestV: number | undefined;
  let latestT = -Infinity;
  const { from, to } = pointRange(raw);
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
  return latestV === undefined ? undefined : { v: latestV, t: latestT };
}

/** A bin proportion of the reference or current sample, in [0, ∞); anything else is reported. */
function isProportion(L: Labels, v: number, issues: IssueCollector): boolean {
  if (L.sample !== 'reference' && L.sample !== 'current') {
    issues.add(
      `sample:${L.sample}`,
      'warning',
      (n) => `driftlab_drift_bin_proportion: sample "${L.sample}" is neither reference nor current.`
    );
    return false;
  }
  if (!Number.isFinite(v) || v < 0) {
    issues.add(
      'bin-value',
      'warning',
      (n, ex) =>
        `driftlab_drift_bin_proportion: ${plural(n, 'value')} not a proportion (NaN, infinite or negative)` +
        `${examplesText(ex, n)}; shown as missing.`,
      describeSeries(L)
    );
    return false;
  }
  return true;
}

/** Keeps the value with the latest time (ties: the later one seen). */
function setLatest(map: Map<string, Point>, key: string, point: Point): void {
  const prev = map.get(key);
  if (!prev || !(point.t < prev.t)) {
    map.set(key, point);
  }
}

/** (model, feature, name) keys → featureKey(model, feature) → name → value. */
function byFeature(latest: Map<string, Point>): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  for (const [key, { v }] of latest) {
    const [model, feature, name] = splitKey(key);
    nested(out, featureKey(model, feature)).set(name, v);
  }
  return out;
}

function nested<V>(map: Map<string, Map<string, V>>, key: string): Map<string, V> {
  let inner = map.get(key);
  if (!inner) {
    inner = new Map();
    map.set(key, inner);
  }
  return inner;
}
