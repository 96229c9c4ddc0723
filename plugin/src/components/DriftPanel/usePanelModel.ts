import { useMemo, useState } from 'react';
import { PanelProps } from '@grafana/data';
import { useTheme2 } from '@grafana/ui';

import { normalizeOptions } from '../../options/normalize';
import { DriftPanelMode, DriftPanelOptions } from '../../types';
import {
  buildPanelState,
  buildTimeline,
  DriftData,
  featureKey,
  featuresWithBins,
  legendEntries,
  makeColorScale,
  parseFrames,
  RankingRow,
  readAnnotations,
} from '../../viewmodel';

type Props = PanelProps<DriftPanelOptions>;

/** A feature the distributions can show; `row` when it has a score. */
export interface FeatureChoice {
  key: string;
  model: string;
  feature: string;
  row?: RankingRow;
}

const NO_ROWS: RankingRow[] = [];

/**
 * The panel's data for every mode: parsed once per query result (apart from the options, which
 * change more often), and the feature the user selected, which survives a change of mode.
 */
export function usePanelModel({ data, options: rawOptions, fieldConfig }: Props) {
  const options = useMemo(() => normalizeOptions(rawOptions), [rawOptions]);
  const theme = useTheme2();
  const [selected, setSelected] = useState<string>();
  const series = data?.series;
  const parsed = useMemo(() => parseFrames(series), [series]);
  const state = useMemo(() => buildPanelState(series, options, parsed), [series, options, parsed]);
  const rows = useMemo(() => (state.status === 'ok' ? state.ranking.rows : NO_ROWS), [state]);
  const colorScale = useMemo(() => {
    const values = rows.map((r) => r.colorValue);
    const range = values.length ? { min: Math.min(...values), max: Math.max(...values) } : { min: 0, max: 1 };
    return makeColorScale(theme, fieldConfig?.defaults, options.colorBy, range);
  }, [rows, theme, fieldConfig?.defaults, options.colorBy]);
  const choices = useMemo(() => featureChoices(rows, options.mode, parsed), [rows, options.mode, parsed]);
  const current = choices.find((c) => c.key === selected) ?? choices[0];
  return { options, parsed, state, rows, colorScale, choices, current, select: setSelected };
}

export type PanelModel = ReturnType<typeof usePanelModel>;

/** Ranked features first; the distributions mode adds any with bins but no score. */
function featureChoices(rows: RankingRow[], mode: DriftPanelMode, parsed: DriftData): FeatureChoice[] {
  const list: FeatureChoice[] = rows.map((row) => ({ key: row.key, model: row.model, feature: row.feature, row }));
  if (mode === 'distributions') {
    const known = new Set(list.map((c) => c.key));
    for (const f of featuresWithBins(parsed)) {
      const key = featureKey(f.model, f.feature);
      if (!known.has(key)) {
        list.push({ key, ...f });
      }
    }
  }
  return list;
}

/** The timeline mode's cells, annotations and legend; nothing is built in the other modes. */
export function useTimelineView(
  { data, timeRange, width, fieldConfig }: Props,
  { options, state, parsed, rows, colorScale }: PanelModel
) {
  const theme = useTheme2();
  const from = timeRange?.from?.valueOf?.() ?? NaN;
  const to = timeRange?.to?.valueOf?.() ?? NaN;
  const { mode, method, colorBy, showAnnotations } = options;
  const timeline = useMemo(
    () =>
      mode === 'timeline' && state.status === 'ok'
        ? buildTimeline(parsed, rows, { method, colorBy, from, to, maxColumns: Math.floor(width / 2) })
        : undefined,
    [mode, state.status, parsed, rows, method, colorBy, from, to, width]
  );
  const annotations = useMemo(
    () => (timeline && showAnnotations ? readAnnotations(data?.annotations, timeline.from, timeline.to) : []),
    [timeline, showAnnotations, data?.annotations]
  );
  const legend = useMemo(
    () => legendEntries(theme, fieldConfig?.defaults, colorScale),
    [theme, fieldConfig?.defaults, colorScale]
  );
  return { timeline, annotations, legend };
}

export type TimelineView = ReturnType<typeof useTimelineView>;
