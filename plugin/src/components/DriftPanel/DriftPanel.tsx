import React, { useCallback, useMemo, useState } from 'react';
import { cx } from '@emotion/css';
import { PanelProps } from '@grafana/data';
import { Combobox, useStyles2, useTheme2 } from '@grafana/ui';

import { DriftPanelOptions } from '../../types';
import { normalizeOptions } from '../../options/normalize';
import {
  buildDistribution,
  buildPanelState,
  buildTimeline,
  featureKey,
  featureLabel,
  featuresWithBins,
  formatScore,
  legendEntries,
  makeColorScale,
  parseFrames,
  RankingRow,
  readAnnotations,
} from '../../viewmodel';
import { METHODS, TEST_IDS } from '../../constants';
import { Distributions } from '../Distributions';
import { Notices } from '../Notices';
import { PanelErrorBoundary, PanelMessage } from '../PanelMessage';
import { Ranking } from '../Ranking';
import { Timeline } from '../Timeline';
import { getSizes } from '../sizes';
import { getStyles } from './DriftPanel.styles';

type Props = PanelProps<DriftPanelOptions>;

/** Panels wider than this show the ranking and the distribution side by side. */
const SIDE_BY_SIDE_MIN_WIDTH = 640;
const PICKER_HEIGHT = 48;
const NO_ROWS: RankingRow[] = [];

export const DriftPanel: React.FC<Props> = (props) => (
  <PanelErrorBoundary lecture={Boolean(props.options?.lectureMode)}>
    <DriftPanelView {...props} />
  </PanelErrorBoundary>
);

const DriftPanelView: React.FC<Props> = ({
  data,
  options: rawOptions,
  width,
  height,
  fieldConfig,
  timeRange,
  timeZone,
}) => {
  const options = useMemo(() => normalizeOptions(rawOptions), [rawOptions]);
  const { mode, lectureMode: lecture } = options;
  const theme = useTheme2();
  const styles = useStyles2(getStyles, lecture);
  const s = getSizes(theme, lecture);
  const [selected, setSelected] = useState<string>();

  const series = data?.series;
  const parsed = useMemo(() => parseFrames(series), [series]);
  const state = useMemo(() => buildPanelState(series, options, parsed), [series, options, parsed]);
  const rows = useMemo(() => (state.status === 'ok' ? state.ranking.rows : NO_ROWS), [state]);
  const multiModel = state.status === 'ok' && state.ranking.models.length > 1;

  const colorScale = useMemo(() => {
    const values = rows.map((r) => r.colorValue);
    const range = values.length ? { min: Math.min(...values), max: Math.max(...values) } : { min: 0, max: 1 };
    return makeColorScale(theme, fieldConfig?.defaults, options.colorBy, range);
  }, [rows, theme, fieldConfig?.defaults, options.colorBy]);

  // Features the distributions can show: ranked ones first, then any with bins but no score.
  const choices = useMemo(() => {
    const list: Array<{ key: string; model: string; feature: string; row?: RankingRow }> = rows.map((row) => ({
      key: row.key,
      model: row.model,
      feature: row.feature,
      row,
    }));
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
  }, [rows, mode, parsed]);
  const current = choices.find((c) => c.key === selected) ?? choices[0];

  const from = timeRange?.from?.valueOf?.() ?? NaN;
  const to = timeRange?.to?.valueOf?.() ?? NaN;
  const timeline = useMemo(
    () =>
      mode === 'timeline' && state.status === 'ok'
        ? buildTimeline(parsed, rows, {
            method: options.method,
            colorBy: options.colorBy,
            from,
            to,
            maxColumns: Math.floor(width / 2),
          })
        : undefined,
    [mode, state.status, parsed, rows, options.method, options.colorBy, from, to, width]
  );
  const annotations = useMemo(
    () => (timeline && options.showAnnotations ? readAnnotations(data?.annotations, timeline.from, timeline.to) : []),
    [timeline, options.showAnnotations, data?.annotations]
  );
  const legend = useMemo(
    () => legendEntries(theme, fieldConfig?.defaults, colorScale),
    [theme, fieldConfig?.defaults, colorScale]
  );
  const onSelect = useCallback((key: string) => setSelected(key), []);

  if (state.status === 'message') {
    return (
      <div style={{ width, height }} data-testid={TEST_IDS.panel}>
        <PanelMessage {...state.message} lecture={lecture} />
      </div>
    );
  }

  const noticesHeight = state.notes.length > 0 ? Math.ceil(s.small * 1.4) + theme.spacing.gridSize : 0;
  const mainHeight = Math.max(0, height - noticesHeight);
  const distribution = current ? buildDistribution(parsed, current.model, current.feature) : undefined;
  const title = current ? `${current.model} · ${current.feature}` : 'No feature selected';

  let main: React.ReactNode;
  if (mode === 'ranking') {
    main = (
      <div className={styles.pane} style={{ width, height: mainHeight }}>
        <Ranking
          rows={rows}
          total={state.ranking.total}
          models={state.ranking.models}
          colorScale={colorScale}
          showPValues={options.showPValues}
          lecture={lecture}
        />
      </div>
    );
  } else if (mode === 'distributions') {
    const picker =
      choices.length > 1 ? (
        <div data-testid={TEST_IDS.featurePicker}>
          <Combobox
            options={choices.map((c) => ({
              value: c.key,
              label: featureLabel(c.model, c.feature, true),
              description: c.row
                ? `${METHODS[c.row.primary.method].short} ${formatScore(c.row.primary.method, c.row.primary.score)}`
                : 'no score',
            }))}
            value={current?.key ?? null}
            onChange={(option) => option && setSelected(option.value)}
            width={Math.min(50, Math.floor(width / theme.spacing.gridSize) - 1)}
            aria-label="Feature"
          />
        </div>
      ) : undefined;
    main = (
      <Distributions
        distribution={distribution}
        row={current?.row}
        title={title}
        width={width}
        height={mainHeight}
        lecture={lecture}
        colorScale={colorScale}
        picker={picker}
        pickerHeight={picker ? PICKER_HEIGHT : 0}
      />
    );
  } else if (mode === 'timeline' && timeline) {
    main = (
      <Timeline
        model={timeline}
        colorScale={colorScale}
        legend={legend}
        annotations={annotations}
        multiModel={multiModel}
        method={options.method}
        colorBy={options.colorBy}
        width={width}
        height={mainHeight}
        lecture={lecture}
        timeZone={timeZone}
      />
    );
  } else {
    // Overview: the ranking beside (or above) the distribution of the selected feature.
    const sideBySide = width >= SIDE_BY_SIDE_MIN_WIDTH * (lecture ? 1.5 : 1);
    const gap = s.gap * 2;
    // Lecture type is twice as wide: the ranking needs more of the width to keep names whole.
    const rankingWidth = sideBySide ? Math.floor((width - gap) * (lecture ? 0.54 : 0.46)) : width;
    const rankingHeight = sideBySide ? mainHeight : Math.floor((mainHeight - gap) * 0.5);
    const distWidth = sideBySide ? width - rankingWidth - gap : width;
    const distHeight = sideBySide ? mainHeight : mainHeight - rankingHeight - gap;
    main = (
      <div className={cx(styles.main, sideBySide ? styles.row : styles.column)} style={{ width, height: mainHeight }}>
        <div className={styles.pane} style={{ width: rankingWidth, height: rankingHeight }}>
          <Ranking
            rows={rows}
            total={state.ranking.total}
            models={state.ranking.models}
            selectedKey={current?.key}
            onSelect={onSelect}
            colorScale={colorScale}
            showPValues={options.showPValues && rankingWidth > s.font * 40}
            lecture={lecture}
          />
        </div>
        <div className={styles.pane} style={{ width: distWidth, height: distHeight }}>
          <Distributions
            distribution={distribution}
            row={current?.row}
            title={title}
            width={distWidth}
            height={distHeight}
            lecture={lecture}
            colorScale={colorScale}
          />
        </div>
      </div>
    );
  }

  return (
    <div className={styles.wrapper} style={{ width, height }} data-testid={TEST_IDS.panel} data-mode={mode}>
      {main}
      <Notices notes={state.notes} lecture={lecture} />
    </div>
  );
};
