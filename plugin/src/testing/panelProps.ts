import {
  DataFrame,
  dateTime,
  EventBusSrv,
  FieldConfigSource,
  LoadingState,
  PanelProps,
  TimeRange,
} from '@grafana/data';

import { DEFAULT_OPTIONS } from '../constants';
import { FIXTURE_END } from '../fixtures/frames';
import { DriftPanelOptions } from '../types';
import { DEFAULT_THRESHOLDS } from '../viewmodel/colors';

export function fixtureTimeRange(points = 360, stepMs = 60_000, end = FIXTURE_END): TimeRange {
  const from = dateTime(end - (points - 1) * stepMs);
  const to = dateTime(end);
  return { from, to, raw: { from, to } };
}

/** PanelProps as Grafana passes them, with the panel's defaults and the given frames. */
export function panelProps(
  series: DataFrame[],
  options: Partial<DriftPanelOptions> = {},
  extra: Partial<PanelProps<DriftPanelOptions>> & { annotations?: DataFrame[] } = {}
): PanelProps<DriftPanelOptions> {
  const timeRange = extra.timeRange ?? fixtureTimeRange();
  const fieldConfig: FieldConfigSource = extra.fieldConfig ?? {
    defaults: { thresholds: DEFAULT_THRESHOLDS },
    overrides: [],
  };
  return {
    id: 1,
    data: { state: LoadingState.Done, series, timeRange, annotations: extra.annotations },
    timeRange,
    timeZone: 'utc',
    options: { ...DEFAULT_OPTIONS, ...options },
    transparent: false,
    width: extra.width ?? 900,
    height: extra.height ?? 420,
    fieldConfig,
    renderCounter: 0,
    title: 'Drift',
    eventBus: new EventBusSrv(),
    onOptionsChange: () => {},
    onFieldConfigChange: () => {},
    replaceVariables: (s: string) => s,
    onChangeTimeRange: () => {},
  };
}
