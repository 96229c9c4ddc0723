import {
  FieldColorModeId,
  FieldConfigProperty,
  PanelOptionsEditorBuilder,
  SelectableValue,
  SetFieldConfigOptionsArgs,
} from '@grafana/data';

import { DEFAULT_OPTIONS, METHOD_IDS, METHODS } from '../constants';
import { ColorBy, DriftPanelMode, DriftPanelOptions, MethodChoice, SortOrder } from '../types';
import { DEFAULT_THRESHOLDS } from '../viewmodel/colors';

const DISPLAY = 'Display';
const DATA = 'Drift scores';

const MODES: Array<SelectableValue<DriftPanelMode>> = [
  { value: 'overview', label: 'Overview' },
  { value: 'ranking', label: 'Ranking' },
  { value: 'distributions', label: 'Distributions' },
  { value: 'timeline', label: 'Timeline' },
];

const METHOD_CHOICES: Array<SelectableValue<MethodChoice>> = [
  { value: 'auto', label: 'Most severe', description: 'The test furthest past its threshold' },
  ...METHOD_IDS.map((id) => ({ value: id, label: METHODS[id].label, description: `method="${id}"` })),
];

const SORTS: Array<SelectableValue<SortOrder>> = [
  { value: 'severity-desc', label: 'Most drifted first' },
  { value: 'severity-asc', label: 'Least drifted first' },
  { value: 'feature', label: 'By name' },
];

const COLOR_BY: Array<SelectableValue<ColorBy>> = [
  { value: 'severity', label: 'Severity' },
  { value: 'score', label: 'Raw score' },
];

/** What every editor has; the default is DEFAULT_OPTIONS', the one normalizeOptions falls back to. */
function option<K extends keyof DriftPanelOptions>(path: K, name: string, category: string, description?: string) {
  return { path, name, description, category: [category], defaultValue: DEFAULT_OPTIONS[path] };
}

/** The panel options (the editor's right-hand side); every one is described in README.md. */
export function addPanelOptions(builder: PanelOptionsEditorBuilder<DriftPanelOptions>) {
  return builder
    .addRadio({
      ...option(
        'mode',
        'Mode',
        DISPLAY,
        'Overview: ranking and the selected feature’s distribution. The others show one view.'
      ),
      settings: { options: MODES },
    })
    .addSelect({
      ...option(
        'method',
        'Method',
        DATA,
        'Which drift test ranks and colours each feature. "Most severe" takes, per feature, the test furthest past its threshold.'
      ),
      settings: { options: METHOD_CHOICES },
    })
    .addRadio({ ...option('sort', 'Sort', DATA), settings: { options: SORTS } })
    .addNumberInput({
      ...option('topN', 'Top N', DATA, 'Show only the first N features (after sorting); 0 shows them all.'),
      settings: { min: 0, integer: true, placeholder: 'all' },
    })
    .addRadio({
      ...option(
        'colorBy',
        'Colour by',
        DATA,
        'Severity puts p-values and distances on one scale (1 = at the threshold). Score applies the thresholds to the raw score: use it with one method.'
      ),
      settings: { options: COLOR_BY },
    })
    .addBooleanSwitch({
      ...option(
        'showPValues',
        'Show p-values',
        DISPLAY,
        'A p-value column in the ranking (from the test itself or driftlab_drift_statistic).'
      ),
      showIf: (o) => o.mode === 'overview' || o.mode === 'ranking',
    })
    .addBooleanSwitch({
      ...option(
        'showAnnotations',
        'Show annotations',
        DISPLAY,
        'Draw the dashboard’s annotations (incidents, alerts) on the timeline.'
      ),
      showIf: (o) => o.mode === 'timeline',
    })
    .addBooleanSwitch(
      option('lectureMode', 'Lecture mode', DISPLAY, 'Twice the type size and thicker marks, for a projector.')
    );
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
