import { DRIFT_PANEL_DEFAULTS, DRIFT_PANEL_ID, type DriftPanelOptions } from '@driftlab/contracts';
import type { PanelSpec, Threshold } from '../builder';

/** Drift severity (1 = the test's threshold): green, yellow from 0.7, red from 1. */
export const SEVERITY: readonly Threshold[] = [
  { color: 'green', value: null },
  { color: 'yellow', value: 0.7 },
  { color: 'red', value: 1 },
];

/** What a dashboard changes of the panel's defaults (@driftlab/contracts): its mode at least. */
export type DriftPanelOverrides = Pick<DriftPanelOptions, 'mode'> & Partial<DriftPanelOptions>;

/**
 * The drift panel (plugin/), severities 0 to 2 coloured by SEVERITY, with the panel's default
 * options but for `options`.
 */
export function driftPanel(
  spec: Omit<PanelSpec, 'type' | 'unit' | 'options'> & { readonly options: DriftPanelOverrides },
): PanelSpec {
  const options: DriftPanelOptions = { ...DRIFT_PANEL_DEFAULTS, ...spec.options };
  return {
    type: DRIFT_PANEL_ID,
    unit: 'none',
    min: 0,
    max: 2,
    thresholds: SEVERITY,
    ...spec,
    options: { ...options },
  };
}
