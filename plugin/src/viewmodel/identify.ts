import { METRICS, MetricKind } from '../constants';
import type { Labels } from './frames';
import { examplesText, IssueCollector, plural } from './issues';

const REQUIRED_LABELS: Record<MetricKind, string[]> = {
  score: ['model', 'feature', 'method', 'threshold'],
  detected: ['model', 'feature', 'method'],
  statistic: ['model', 'feature', 'statistic'],
  sampleSize: ['model', 'sample'],
  binProportion: ['model', 'feature', 'sample', 'bin'],
};

const QUERY_HINT: Record<MetricKind, string> = {
  score: 'max by (model, feature, method, threshold) (driftlab_drift_score)',
  detected: 'max by (model, feature, method) (driftlab_drift_detected)',
  statistic: 'driftlab_drift_statistic{model="$model"}',
  sampleSize: 'driftlab_drift_sample_size{model="$model"}',
  binProportion: 'driftlab_drift_bin_proportion{model="$model"}',
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

/** "credit/age/psi": how issues name a series in their examples. */
export function describeSeries(labels: Labels): string {
  return [labels.model, labels.feature, labels.method ?? labels.statistic ?? labels.sample, labels.bin]
    .filter((x) => x !== undefined)
    .join('/');
}

/** The series' metric, or undefined (reported) when it is not one of the drift metrics. */
export function recogniseMetric(
  names: Array<string | undefined>,
  labels: Labels,
  issues: IssueCollector
): MetricKind | undefined {
  const id = identifyMetric(names, labels);
  if (!id) {
    issues.add(
      'unknown',
      'info',
      (n, ex) => `Ignored ${plural(n, 'series', 'series')} that are not drift metrics${examplesText(ex, n)}.`,
      names.find((x) => x && x !== 'Value') ?? undefined
    );
    return undefined;
  }
  if ('foreign' in id) {
    issues.add(
      'foreign',
      'info',
      (n, ex) => `Ignored ${plural(n, 'series', 'series')} of other metrics${examplesText(ex, n)}.`,
      id.foreign
    );
    return undefined;
  }
  return id.kind;
}

/** False (and reported, with a query that keeps them) when the series lacks labels the panel keys on. */
export function hasRequiredLabels(kind: MetricKind, labels: Labels, issues: IssueCollector): boolean {
  const missing = REQUIRED_LABELS[kind].filter((l) => labels[l] === undefined || labels[l] === '');
  if (missing.length === 0) {
    return true;
  }
  issues.add(
    `missing:${kind}:${missing.join(',')}`,
    kind === 'score' ? 'error' : 'warning',
    (n, ex) =>
      `${METRICS[kind]}: ${plural(n, 'series', 'series')} without the label${missing.length > 1 ? 's' : ''} ` +
      `${missing.map((l) => `"${l}"`).join(', ')}${examplesText(ex, n)}. The panel needs ` +
      `${REQUIRED_LABELS[kind].join(', ')}: keep them in the query, e.g. ${QUERY_HINT[kind]}.`,
    describeSeries(labels) || undefined
  );
  return false;
}
