import { DRIFT_METRICS, DRIFT_PANEL_DEFAULTS } from '@driftlab/contracts';
import { DriftMethod, DriftPanelOptions } from './types';

/** Every data-testid the panel renders, so tests and the browser harness agree on one list. */
export const TEST_IDS = {
  panel: 'data-testid driftlab-drift-panel',
  message: 'data-testid driftlab-message',
  notices: 'data-testid driftlab-notices',
  ranking: 'data-testid driftlab-ranking',
  rankingRow: 'data-testid driftlab-ranking-row',
  rankingTooltip: 'data-testid driftlab-ranking-tooltip',
  rankingBar: 'data-testid driftlab-ranking-bar',
  distributions: 'data-testid driftlab-distributions',
  distributionBin: 'data-testid driftlab-distribution-bin',
  featurePicker: 'data-testid driftlab-feature-picker',
  timeline: 'data-testid driftlab-timeline',
  timelineCanvas: 'data-testid driftlab-timeline-canvas',
  timelineRowLabel: 'data-testid driftlab-timeline-row-label',
  timelineAnnotation: 'data-testid driftlab-timeline-annotation',
  timelineTooltip: 'data-testid driftlab-timeline-tooltip',
} as const;

export const METRICS = DRIFT_METRICS;

export type MetricKind = keyof typeof METRICS;

/**
 * p-value methods: LOWER means more drift, drifted when score < threshold.
 * distance methods: HIGHER means more drift, drifted when score >= threshold.
 */
export type MethodKind = 'p-value' | 'distance';

export interface MethodInfo {
  kind: MethodKind;
  /** Short name shown beside every score. */
  short: string;
  /** Long name for the options editor and tooltips. */
  label: string;
  /** The statistic (driftlab_drift_statistic) that holds the score's p-value, if the test has one. */
  pValueStatistic?: string;
}

export const METHODS: Record<DriftMethod, MethodInfo> = {
  ks: { kind: 'p-value', short: 'KS p', label: 'Kolmogorov–Smirnov test (p-value)', pValueStatistic: 'ks_p_value' },
  chi_square: {
    kind: 'p-value',
    short: 'χ² p',
    label: 'Chi-square test (p-value)',
    pValueStatistic: 'chi_square_p_value',
  },
  wasserstein_norm: { kind: 'distance', short: 'W₁/σ', label: 'Wasserstein distance, normalised' },
  jensen_shannon: { kind: 'distance', short: 'JS', label: 'Jensen–Shannon distance' },
  psi: { kind: 'distance', short: 'PSI', label: 'Population stability index' },
};

export const METHOD_IDS = Object.keys(METHODS) as DriftMethod[];

/** The statistics that are p-values, in the order the tooltip looks for one. */
export const P_VALUE_STATISTICS = ['ks_p_value', 'chi_square_p_value'];

/**
 * Severity is clamped here so a p-value of exactly 0 (underflow) is not infinitely severe; high
 * enough that ranking ties are rare (a p-value of 1e-130 against 0.05 is 100).
 */
export const SEVERITY_CAP = 100;

/** The colour scale's default range for severity: the threshold (1) sits in the middle. */
export const SEVERITY_SCALE_MAX = 2;

/** Label of the output (prediction) drift, as the exporter publishes it. */
export { PREDICTION_FEATURE } from '@driftlab/contracts';

export const DEFAULT_OPTIONS: DriftPanelOptions = DRIFT_PANEL_DEFAULTS;
