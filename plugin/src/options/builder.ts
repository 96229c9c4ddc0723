import {
  FieldColorModeId,
  FieldConfigProperty,
  PanelOptionsEditorBuilder,
  SetFieldConfigOptionsArgs,
} from '@grafana/data';

import { DEFAULT_OPTIONS, METHOD_IDS, METHODS } from '../constants';
import { DriftPanelOptions } from '../types';
import { DEFAULT_THRESHOLDS } from '../viewmodel/colors';

const DISPLAY = 'Display';
const DATA = 'Drift scores';

/** The panel options (the editor's right-hand side); every one is described in README.md. */
export function addPanelOptions(builder: PanelOptionsEditorBuilder<DriftPanelOptions>) {
  return builder
    .addRadio({
      path: 'mode',
      name: 'Mode',
      description: 'Overview: ranking and the selected feature’s distribution. The others show one view.',
      category: [DISPLAY],
      defaultValue: DEFAULT_OPTIONS.mode,
      settings: {
        options: [
          { value: 'overview', label: 'Overview' },
          { value: 'ranking', label: 'Ranking' },
          { value: 'distributions', label: 'Distributions' },
          { value: 'timeline', label: 'Timeline' },
        ],
      },
    })
    .addSelect({
      path: 'method',
      name: 'Method',
      description:
        'Which drift test ranks and colours each feature. "Most severe" takes, per feature, the test furthest past its threshold.',
      category: [DATA],
      defaultValue: DEFAULT_OPTIONS.method,
      settings: {
        options: [
          { value: 'auto', label: 'Most severe', description: 'The test furthest past its threshold' },
          ...METHOD_IDS.map((id) => ({ value: id, label: METHODS[id].label, description: `method="${id}"` })),
        ],
      },
    })
    .addRadio({
      path: 'sort',
      name: 'Sort',
      category: [DATA],
      defaultValue: DEFAULT_OPTIONS.sort,
      settings: {
        options: [
          { value: 'severity-desc', label: 'Most drifted first' },
          { value: 'severity-asc', label: 'Least drifted first' },
          { value: 'feature', label: 'By name' },
        ],
      },
    })
    .addNumberInput({
      path: 'topN',
      name: 'Top N',
      description: 'Show only the first N features (after sorting); 0 shows them all.',
      category: [DATA],
      defaultValue: DEFAULT_OPTIONS.topN,
      settings: { min: 0, integer: true, placeholder: 'all' },
    })
    .addRadio({
      path: 'colorBy',
      name: 'Colour by',
      description:
        'Severity puts p-values and distances on one scale (1 = at the threshold). Score applies the thresholds to the raw score: use it with one method.',
      category: [DATA],
      defaultValue: DEFAULT_OPTIONS.colorBy,
      settings: {
        options: [
          { value: 'severity', label: 'Severity' },
          { value: 'score', label: 'Raw score' },
        ],
      },
    })
    .addBooleanSwitch({
      path: 'showPValues',
      name: 'Show p-values',
      description: 'A p-value column in the ranking (from the test itself or driftlab_drift_statistic).',
      category: [DISPLAY],
      defaultValue: DEFAULT_OPTIONS.showPValues,
      showIf: (o) => o.mode === 'overview' || o.mode === 'ranking',
    })
    .addBooleanSwitch({
      path: 'showAnnotations',
      name: 'Show annotations',
      description: 'Draw the dashboard’s annotations (incidents, alerts) on the timeline.',
      category: [DISPLAY],
      defaultValue: DEFAULT_OPTIONS.showAnnotations,
      showIf: (o) => o.mode === 'timeline',
    })
    .addBooleanSwitch({
      path: 'lectureMode',
      name: 'Lecture mode',
      description: 'Twice the type size and thicker marks, for a projector.',
      category: [DISPLAY],
      defaultValue: DEFAULT_OPTIONS.lectureMode,
    });
}

/** Thresholds and colour come from the standard field config, so they work like any Grafana panel. */
export const FIELD_CONFIG: SetFieldConfigOptionsArgs = {
  standardOptions: {
    [FieldConfigProperty.Thresholds]: { defaultValue: DEFAULT_THRESHOLDS },
    [FieldConfigProperty.Color]: {
      defaultValue: { mode: FieldColorModeId.Thresholds },
      settings: { byValueSupport: true, bySeriesSupport: false, preferThresholdsMode: true },
    },
  },
  disableStandardOptions: [
    FieldConfigProperty.Unit,
    FieldConfigProperty.Decimals,
    FieldConfigProperty.DisplayName,
    FieldConfigProperty.NoValue,
    FieldConfigProperty.Links,
    FieldConfigProperty.Mappings,
    FieldConfigProperty.Actions,
    FieldConfigProperty.FieldMinMax,
    FieldConfigProperty.Filterable,
  ],
};
