import { FieldConfigProperty, PanelOptionsEditorBuilder } from '@grafana/data';

import { DEFAULT_OPTIONS, METHOD_IDS } from '../constants';
import { DriftPanelOptions } from '../types';
import { DEFAULT_THRESHOLDS } from '../viewmodel/colors';
import { addPanelOptions, FIELD_CONFIG } from './builder';

interface Recorded {
  kind: string;
  path: string;
  defaultValue: unknown;
  category?: string[];
  settings?: { options?: Array<{ value: unknown }> };
  showIf?: (o: DriftPanelOptions) => boolean;
}

/** Grafana's editor registry is empty under jest, so record what the builder is asked to add. */
function fakeBuilder() {
  const items: Recorded[] = [];
  const builder: Record<string, unknown> = {};
  for (const kind of [
    'addRadio',
    'addSelect',
    'addNumberInput',
    'addBooleanSwitch',
    'addTextInput',
    'addSliderInput',
  ]) {
    builder[kind] = (config: Omit<Recorded, 'kind'>) => {
      items.push({ kind, ...config });
      return builder;
    };
  }
  return { builder: builder as unknown as PanelOptionsEditorBuilder<DriftPanelOptions>, items };
}

describe('panel options', () => {
  const { builder, items } = fakeBuilder();
  addPanelOptions(builder);
  const byPath = (path: string) => items.find((i) => i.path === path)!;

  it('has one editor per option, with the documented defaults', () => {
    expect(items.map((i) => i.path).sort()).toEqual(Object.keys(DEFAULT_OPTIONS).sort());
    for (const item of items) {
      expect(item.defaultValue).toEqual(DEFAULT_OPTIONS[item.path as keyof DriftPanelOptions]);
    }
  });

  it('offers every mode, every method and "most severe"', () => {
    expect(byPath('mode').settings!.options!.map((o) => o.value)).toEqual([
      'overview',
      'ranking',
      'distributions',
      'timeline',
    ]);
    expect(byPath('method').settings!.options!.map((o) => o.value)).toEqual(['auto', ...METHOD_IDS]);
    expect(byPath('sort').settings!.options!.map((o) => o.value)).toEqual(['severity-desc', 'severity-asc', 'feature']);
    expect(byPath('colorBy').settings!.options!.map((o) => o.value)).toEqual(['severity', 'score']);
    expect(byPath('topN').kind).toBe('addNumberInput');
    expect(byPath('lectureMode').kind).toBe('addBooleanSwitch');
  });

  it('shows options only where they apply', () => {
    const showIf = (path: string, mode: DriftPanelOptions['mode']) =>
      byPath(path).showIf?.({ ...DEFAULT_OPTIONS, mode }) ?? true;
    expect(showIf('showPValues', 'ranking')).toBe(true);
    expect(showIf('showPValues', 'timeline')).toBe(false);
    expect(showIf('showAnnotations', 'timeline')).toBe(true);
    expect(showIf('showAnnotations', 'overview')).toBe(false);
    expect(showIf('lectureMode', 'distributions')).toBe(true);
  });

  it('keeps thresholds and colour in the field config, with severity thresholds by default', () => {
    expect(FIELD_CONFIG.standardOptions![FieldConfigProperty.Thresholds]!.defaultValue).toBe(DEFAULT_THRESHOLDS);
    expect(FIELD_CONFIG.disableStandardOptions).not.toContain(FieldConfigProperty.Thresholds);
    expect(FIELD_CONFIG.disableStandardOptions).not.toContain(FieldConfigProperty.Color);
    expect(FIELD_CONFIG.disableStandardOptions).toContain(FieldConfigProperty.Unit);
  });
});
