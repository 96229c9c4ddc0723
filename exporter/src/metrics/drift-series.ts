import type { ColumnDrift } from '../monitor/report';
import { binLabels, num } from './bin-labels';
import type { Families, Series } from './prom-adapter';

/** The series of one column of a drift report, kept while its labels hold. */
export interface ColumnSeries {
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

/**
 * Publishes one column of `model`'s drift report: its test's score and decision, its statistics
 * and its bins (reference and current shares). `columns` keeps the column's series between scrapes.
 */
export function publishColumn(
  families: Families,
  columns: Map<string, ColumnSeries>,
  model: string,
  c: ColumnDrift,
): void {
  const feature = c.feature;
  let cs = columns.get(feature);
  if (!cs)
    columns.set(
      feature,
      (cs = {
        statistics: STATISTICS.map((statistic) =>
          families.series('driftStatistic', { model, feature, statistic }),
        ),
      }),
    );
  const method = c.test.method;
  const threshold = num(c.test.threshold);
  if (cs.score?.labelSet.method !== method || cs.score.labelSet.threshold !== threshold)
    cs.score = families.series('driftScore', { model, feature, method, threshold });
  cs.score.set(c.test.score);
  if (!Number.isNaN(c.test.score)) {
    if (cs.detected?.labelSet.method !== method)
      cs.detected = families.series('driftDetected', { model, feature, method });
    cs.detected.set(c.test.drifted ? 1 : 0);
  }
  const statistics = cs.statistics;
  statistics[0].set(c.psi);
  statistics[1].set(c.jensenShannon);
  statistics[2].set(c.chiSquare.statistic);
  statistics[3].set(c.chiSquare.pValue);
  if (c.type === 'numeric') {
    statistics[4].set(c.ks.statistic);
    statistics[5].set(c.ks.pValue);
    statistics[6].set(c.wasserstein);
    statistics[7].set(c.wassersteinNorm);
    publishNumericBins(families, cs, model, c);
  } else publishCategoricalBins(families, cs, model, c);
}

/** The reference and current series of one bin. */
function binPair(families: Families, model: string, feature: string, bin: string): [Series, Series] {
  return [
    families.series('driftBin', { model, feature, sample: 'reference', bin }),
    families.series('driftBin', { model, feature, sample: 'current', bin }),
  ];
}

/** Decile bins, labelled anew when the edges change (another reference). */
function publishNumericBins(
  families: Families,
  cs: ColumnSeries,
  model: string,
  c: Extract<ColumnDrift, { type: 'numeric' }>,
): void {
  if (cs.edges !== c.bins.edges) {
    cs.edges = c.bins.edges;
    cs.bins = binLabels(c.bins.edges).map((bin) =>
      bin === null ? null : binPair(families, model, c.feature, bin),
    );
  }
  const bins = cs.bins!;
  for (let k = 0; k < bins.length; k++) {
    const pair = bins[k];
    if (pair) pair[0].set(c.bins.reference[k]);
  }
  for (let k = 0; k < bins.length; k++) {
    const pair = bins[k];
    if (pair) pair[1].set(c.bins.current[k]);
  }
}

/** One bin per category of the report, series made on a category's first appearance. */
function publishCategoricalBins(
  families: Families,
  cs: ColumnSeries,
  model: string,
  c: Extract<ColumnDrift, { type: 'categorical' }>,
): void {
  const categories = (cs.categories ??= new Map());
  const pairs = c.bins.categories.map((bin) => {
    let pair = categories.get(bin);
    if (!pair) categories.set(bin, (pair = binPair(families, model, c.feature, bin)));
    return pair;
  });
  pairs.forEach((pair, k) => pair[0].set(c.bins.reference[k]));
  pairs.forEach((pair, k) => pair[1].set(c.bins.current[k]));
}
