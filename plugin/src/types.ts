/** What the panel shows: see README.md ("Modes"). */
export type DriftPanelMode = 'overview' | 'ranking' | 'distributions' | 'timeline';

/** The drift tests the exporter publishes, by the `method` label of `driftlab_drift_score`. */
export type DriftMethod = 'ks' | 'chi_square' | 'wasserstein_norm' | 'jensen_shannon' | 'psi';

/** `auto` picks, per feature, the method whose score is the most severe. */
export type MethodChoice = 'auto' | DriftMethod;

export type SortOrder = 'severity-desc' | 'severity-asc' | 'feature';

/** Which number the field-config thresholds and colour scheme apply to. */
export type ColorBy = 'severity' | 'score';

export interface DriftPanelOptions {
  mode: DriftPanelMode;
  method: MethodChoice;
  sort: SortOrder;
  /** 0 shows every feature. */
  topN: number;
  showPValues: boolean;
  colorBy: ColorBy;
  showAnnotations: boolean;
  lectureMode: boolean;
}
