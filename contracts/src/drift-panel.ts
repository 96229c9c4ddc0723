// The drift panel's options and its defaults: the plugin builds with them (plugin/src/types.ts,
// constants.ts) and provisioning writes them into the dashboards, so both say the same thing.

/** What the panel shows: see plugin/README.md ("Modes"). */
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

/** The panel's plugin id, as plugin.json and the dashboards name it. */
export const DRIFT_PANEL_ID = 'driftlab-drift-panel';

export const DRIFT_PANEL_DEFAULTS: Readonly<DriftPanelOptions> = {
  mode: 'overview',
  method: 'auto',
  sort: 'severity-desc',
  topN: 0,
  showPValues: true,
  colorBy: 'severity',
  showAnnotations: true,
  lectureMode: false,
};
