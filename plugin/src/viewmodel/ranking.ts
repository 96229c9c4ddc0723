import { METHODS, P_VALUE_STATISTICS } from '../constants';
import { ColorBy, DriftMethod, MethodChoice, SortOrder } from '../types';
import { DriftData, featureKey, SampleSizes, ScoreSeries } from './frames';
import { examplesText, Issue, IssueCollector, plural } from './issues';
import { isDrifted, scoreProblem, severity } from './severity';

/** One method's latest score for a feature, with what it means. */
export interface MethodScore {
  method: DriftMethod;
  score: number;
  threshold: number;
  thresholdLabel: string;
  /** Normalised: 0 none, 1 at the threshold, above 1 drifted (see severity.ts). */
  severity: number;
  drifted: boolean;
  time: number;
}

export interface RankingRow {
  key: string;
  model: string;
  feature: string;
  /** The score the row is ranked and coloured by. */
  primary: MethodScore;
  /** The feature's other methods, most severe first, for the tooltip. */
  others: MethodScore[];
  /** driftlab_drift_detected for the primary method, when queried. */
  detected?: boolean;
  pValue?: { statistic: string; value: number };
  sampleSizes?: SampleSizes;
  /** What the field-config thresholds colour: severity or the raw score. */
  colorValue: number;
}

export interface Ranking {
  rows: RankingRow[];
  /** Rows before top N was applied. */
  total: number;
  models: string[];
  issues: Issue[];
}

export interface RankingOptions {
  method: MethodChoice;
  sort: SortOrder;
  topN: number;
  colorBy: ColorBy;
}

/** The latest valid score per method of one feature; thresholds that changed keep the newest series. */
function latestByMethod(series: ScoreSeries[], issues: IssueCollector): MethodScore[] {
  const newest = new Map<DriftMethod, ScoreSeries>();
  for (const s of series) {
    const prev = newest.get(s.method);
    if (!prev || !(s.latestTime < prev.latestTime)) {
      newest.set(s.method, s);
    }
  }
  const out: MethodScore[] = [];
  for (const s of newest.values()) {
    const problem = scoreProblem(s.method, s.latest);
    if (problem) {
      issues.add(
        `score:${problem}`,
        'warning',
        (n, ex) => `${plural(n, 'latest score')} ${problem}, not ranked${examplesText(ex, n)}.`,
        `${s.model}/${s.feature} (${s.method})`
      );
      continue;
    }
    out.push({
      method: s.method,
      score: s.latest,
      threshold: s.threshold,
      thresholdLabel: s.thresholdLabel,
      severity: severity(s.method, s.latest, s.threshold),
      drifted: isDrifted(s.method, s.latest, s.threshold),
      time: s.latestTime,
    });
  }
  return out.sort((a, b) => b.severity - a.severity);
}

/** Groups score series by feature (of one method, or all); shared by the ranking and the timeline. */
export function scoresByFeature(data: DriftData, method: MethodChoice = 'auto'): Map<string, ScoreSeries[]> {
  const byFeature = new Map<string, ScoreSeries[]>();
  for (const s of data.scores) {
    if (method !== 'auto' && s.method !== method) {
      continue;
    }
    const key = featureKey(s.model, s.feature);
    const list = byFeature.get(key);
    if (list) {
      list.push(s);
    } else {
      byFeature.set(key, [s]);
    }
  }
  return byFeature;
}

function findPValue(data: DriftData, key: string, primary: MethodScore, all: MethodScore[]) {
  const pStat = METHODS[primary.method].pValueStatistic;
  if (pStat) {
    return { statistic: pStat, value: primary.score };
  }
  const stats = data.statistics.get(key);
  for (const statistic of P_VALUE_STATISTICS) {
    const value = stats?.get(statistic);
    if (value !== undefined && Number.isFinite(value)) {
      return { statistic, value };
    }
  }
  // No statistics queried: a p-value test among the feature's scores still answers.
  const test = all.find((m) => METHODS[m.method].kind === 'p-value');
  return test ? { statistic: METHODS[test.method].pValueStatistic ?? test.method, value: test.score } : undefined;
}

function compareRows(sort: SortOrder) {
  const byName = (a: RankingRow, b: RankingRow) => a.model.localeCompare(b.model) || a.feature.localeCompare(b.feature);
  switch (sort) {
    case 'severity-asc':
      return (a: RankingRow, b: RankingRow) => a.primary.severity - b.primary.severity || byName(a, b);
    case 'feature':
      return byName;
    default:
      return (a: RankingRow, b: RankingRow) => b.primary.severity - a.primary.severity || byName(a, b);
  }
}

/** Features sorted by drift, one row each, with what produced the score. */
export function buildRanking(data: DriftData, options: RankingOptions): Ranking {
  const issues = new IssueCollector();
  const rows: RankingRow[] = [];
  for (const [key, series] of scoresByFeature(data)) {
    const { model, feature } = series[0];
    const all = latestByMethod(series, issues);
    const candidates = options.method === 'auto' ? all : all.filter((m) => m.method === options.method);
    if (candidates.length === 0) {
      if (all.length > 0) {
        issues.add(
          `no-method:${options.method}`,
          'info',
          (n, ex) =>
            `${plural(n, 'feature')} ha${n === 1 ? 's' : 've'} no ${options.method} score${examplesText(ex, n)}` +
            (options.method === 'ks' || options.method === 'wasserstein_norm'
              ? ': categorical features are tested with chi_square, jensen_shannon and psi.'
              : '.'),
          `${model}/${feature}`
        );
      }
      continue;
    }
    const primary = candidates[0];
    const detected = data.detected.get(key)?.get(primary.method);
    rows.push({
      key,
      model,
      feature,
      primary,
      others: all.filter((m) => m !== primary),
      detected: detected === undefined || !Number.isFinite(detected) ? undefined : detected >= 0.5,
      pValue: findPValue(data, key, primary, all),
      sampleSizes: data.sampleSizes.get(model),
      colorValue: options.colorBy === 'severity' ? primary.severity : primary.score,
    });
  }
  rows.sort(compareRows(options.sort));
  if (options.colorBy === 'score' && new Set(rows.map((r) => METHODS[r.primary.method].kind)).size > 1) {
    issues.add(
      'mixed-colors',
      'info',
      () =>
        'Colouring raw scores mixes p-values (low = drift) and distances (high = drift): pick one method, or colour by severity.'
    );
  }
  const models = [...new Set(rows.map((r) => r.model))].sort();
  const limited = options.topN > 0 ? rows.slice(0, Math.floor(options.topN)) : rows;
  return { rows: limited, total: rows.length, models, issues: issues.list() };
}
