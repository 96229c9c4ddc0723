import { DataFrame } from '@grafana/data';

import { DriftMethod } from '../types';
import { hasRequiredLabels, recogniseMetric } from './identify';
import { Issue, IssueCollector, plural } from './issues';
import { LatestCollector } from './latestValues';
import { frameSeries, RawSeries } from './rawSeries';
import { ScoreCollector } from './scoreSeries';

export { featureKey } from './keys';
export { identifyMetric } from './identify';

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

/** What parseFrames gathers while it reads the frames one series at a time. */
interface Reading {
  issues: IssueCollector;
  scores: ScoreCollector;
  latest: LatestCollector;
  recognised: number;
}

/**
 * Reads the dashboard's frames into DriftData. Never throws: anything it cannot use becomes an
 * Issue that says what was wrong and what the query should look like.
 */
export function parseFrames(series: DataFrame[] | undefined | null): DriftData {
  const frames = Array.isArray(series) ? series : [];
  const reading: Reading = {
    issues: new IssueCollector(),
    scores: new ScoreCollector(),
    latest: new LatestCollector(),
    recognised: 0,
  };
  for (const frame of frames) {
    readFrame(frame, reading);
  }
  const { detected, statistics, sampleSizes, bins } = reading.latest.result();
  return {
    scores: reading.scores.list(),
    detected,
    statistics,
    sampleSizes,
    bins,
    issues: reading.issues.list(),
    frameCount: frames.length,
    recognised: reading.recognised,
    timeExtent: reading.scores.extent(),
  };
}

function readFrame(frame: DataFrame, reading: Reading): void {
  let raws: RawSeries[];
  try {
    raws = frameSeries(frame, reading.issues);
  } catch {
    // A frame that is not a DataFrame at all (a plugin or transformation bug upstream).
    reading.issues.add('bad-frame', 'warning', (n) => `Ignored ${plural(n, 'malformed frame')}.`);
    return;
  }
  for (const raw of raws) {
    readSeries(raw, reading);
  }
}

function readSeries(raw: RawSeries, reading: Reading): void {
  const kind = recogniseMetric(raw.names, raw.labels, reading.issues);
  if (!kind) {
    return;
  }
  reading.recognised++;
  if (!hasRequiredLabels(kind, raw.labels, reading.issues)) {
    return;
  }
  if (kind === 'score') {
    reading.scores.add(raw, reading.issues);
  } else {
    reading.latest.add(kind, raw, reading.issues);
  }
}
