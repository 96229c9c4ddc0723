import { DriftMethod } from '../types';
import type { Labels, ScoreSeries } from './frames';
import { describeSeries } from './identify';
import { examplesText, IssueCollector, plural } from './issues';
import { joinKey } from './keys';
import { pointRange, RawSeries, toNumber, toTime } from './rawSeries';
import { isDriftMethod, thresholdProblem } from './severity';

type ScoreAccumulator = Omit<ScoreSeries, 'latest' | 'latestTime'> & { sorted: boolean };

/** Collects driftlab_drift_score points per series (a range query splits one over several frames). */
export class ScoreCollector {
  private readonly series = new Map<string, ScoreAccumulator>();
  private minTime = Infinity;
  private maxTime = -Infinity;

  add(raw: RawSeries, issues: IssueCollector): void {
    const acc = this.accumulator(raw.labels, issues);
    if (!acc) {
      return;
    }
    const { values, times } = raw;
    const { from, to } = pointRange(raw);
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
      if (t < this.minTime) {
        this.minTime = t;
      }
      if (t > this.maxTime) {
        this.maxTime = t;
      }
    }
  }

  /** Every series with at least one point, in time order. */
  list(): ScoreSeries[] {
    const out: ScoreSeries[] = [];
    for (const acc of this.series.values()) {
      if (acc.times.length > 0) {
        out.push(finish(acc));
      }
    }
    return out;
  }

  /** Earliest and latest score timestamps, when there are any. */
  extent(): { from: number; to: number } | undefined {
    const { minTime, maxTime } = this;
    return Number.isFinite(minTime) && Number.isFinite(maxTime) ? { from: minTime, to: maxTime } : undefined;
  }

  private accumulator(L: Labels, issues: IssueCollector): ScoreAccumulator | undefined {
    const test = usableTest(L, issues);
    if (!test) {
      return undefined;
    }
    const key = joinKey(L.model, L.feature, L.method, L.threshold);
    let acc = this.series.get(key);
    if (!acc) {
      acc = {
        model: L.model,
        feature: L.feature,
        method: test.method,
        thresholdLabel: L.threshold,
        threshold: test.threshold,
        times: [],
        values: [],
        sorted: true,
      };
      this.series.set(key, acc);
    }
    return acc;
  }
}

/** The series' test and its threshold as a number, or undefined (reported) when either is unusable. */
function usableTest(L: Labels, issues: IssueCollector): { method: DriftMethod; threshold: number } | undefined {
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
    return undefined;
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
    return undefined;
  }
  return { method: L.method, threshold };
}

function finish(acc: ScoreAccumulator): ScoreSeries {
  let { times, values } = acc;
  if (!acc.sorted) {
    const order = times.map((_, i) => i).sort((a, b) => times[a] - times[b]);
    times = order.map((i) => acc.times[i]);
    values = order.map((i) => acc.values[i]);
  }
  const last = times.length - 1;
  return {
    model: acc.model,
    feature: acc.feature,
    method: acc.method,
    thresholdLabel: acc.thresholdLabel,
    threshold: acc.threshold,
    times,
    values,
    latest: values[last],
    latestTime: times[last],
  };
}
