import React from 'react';
import { PanelProps } from '@grafana/data';
import { useStyles2, useTheme2 } from '@grafana/ui';

import { TEST_IDS } from '../../constants';
import { DriftPanelOptions } from '../../types';
import { buildDistribution, Ranking as RankingModel } from '../../viewmodel';
import { Distributions, DistributionsProps } from '../Distributions';
import { Notices } from '../Notices';
import { PanelErrorBoundary, PanelMessage } from '../PanelMessage';
import { Ranking, RankingProps } from '../Ranking';
import { Timeline } from '../Timeline';
import { getSizes } from '../sizes';
import { getStyles } from './DriftPanel.styles';
import { FeaturePicker, PICKER_HEIGHT } from './FeaturePicker';
import { Overview } from './Overview';
import { Pane } from './Pane';
import { PanelModel, TimelineView, usePanelModel, useTimelineView } from './usePanelModel';

type Props = PanelProps<DriftPanelOptions>;
type SharedRankingProps = Omit<RankingProps, 'showPValues'>;
type SharedDistributionProps = Omit<DistributionsProps, 'width' | 'height'>;

export const DriftPanel: React.FC<Props> = (props) => (
  <PanelErrorBoundary lecture={Boolean(props.options?.lectureMode)}>
    <DriftPanelView {...props} />
  </PanelErrorBoundary>
);

const DriftPanelView: React.FC<Props> = (props) => {
  const { width, height } = props;
  const panel = usePanelModel(props);
  const timelineView = useTimelineView(props, panel);
  const { options, state } = panel;
  const lecture = options.lectureMode;
  const theme = useTheme2();
  const styles = useStyles2(getStyles, lecture);
  if (state.status === 'message') {
    return (
      <div style={{ width, height }} data-testid={TEST_IDS.panel}>
        <PanelMessage {...state.message} lecture={lecture} />
      </div>
    );
  }
  const s = getSizes(theme, lecture);
  const noticesHeight = state.notes.length > 0 ? Math.ceil(s.small * 1.4) + theme.spacing.gridSize : 0;
  return (
    <div className={styles.wrapper} style={{ width, height }} data-testid={TEST_IDS.panel} data-mode={options.mode}>
      <ModeView
        panel={panel}
        ranking={state.ranking}
        timelineView={timelineView}
        width={width}
        height={Math.max(0, height - noticesHeight)}
        timeZone={props.timeZone}
      />
      <Notices notes={state.notes} lecture={lecture} />
    </div>
  );
};

interface ModeProps {
  panel: PanelModel;
  ranking: RankingModel;
  timelineView: TimelineView;
  width: number;
  height: number;
  timeZone: Props['timeZone'];
}

/** The view of the panel's mode; the overview is the default. */
const ModeView: React.FC<ModeProps> = ({ panel, ranking, timelineView, width, height, timeZone }) => {
  const { options, current, choices, select } = panel;
  const { mode, lectureMode: lecture } = options;
  const { timeline } = timelineView;
  const rankingProps = sharedRankingProps(panel, ranking);
  if (mode === 'ranking') {
    return (
      <Pane width={width} height={height}>
        <Ranking {...rankingProps} showPValues={options.showPValues} />
      </Pane>
    );
  }
  const distributionProps = sharedDistributionProps(panel);
  if (mode === 'distributions') {
    const picker =
      choices.length > 1 ? (
        <FeaturePicker choices={choices} selectedKey={current?.key} onSelect={select} panelWidth={width} />
      ) : undefined;
    return (
      <Distributions
        {...distributionProps}
        width={width}
        height={height}
        picker={picker}
        pickerHeight={picker ? PICKER_HEIGHT : 0}
      />
    );
  }
  if (mode === 'timeline' && timeline) {
    return (
      <Timeline
        model={timeline}
        annotations={timelineView.annotations}
        legend={timelineView.legend}
        colorScale={panel.colorScale}
        multiModel={ranking.models.length > 1}
        method={options.method}
        colorBy={options.colorBy}
        width={width}
        height={height}
        lecture={lecture}
        timeZone={timeZone}
      />
    );
  }
  return (
    <Overview
      ranking={{ ...rankingProps, selectedKey: current?.key, onSelect: select, showPValues: options.showPValues }}
      distribution={distributionProps}
      width={width}
      height={height}
      lecture={lecture}
    />
  );
};

/** The ranking as the ranking and overview modes both show it. */
function sharedRankingProps({ rows, colorScale, options }: PanelModel, ranking: RankingModel): SharedRankingProps {
  return { rows, total: ranking.total, models: ranking.models, colorScale, lecture: options.lectureMode };
}

/** The selected feature's distribution, as the distributions and overview modes both show it. */
function sharedDistributionProps({ parsed, current, colorScale, options }: PanelModel): SharedDistributionProps {
  return {
    distribution: current ? buildDistribution(parsed, current.model, current.feature) : undefined,
    row: current?.row,
    title: current ? `${current.model} · ${current.feature}` : 'No feature selected',
    lecture: options.lectureMode,
    colorScale,
  };
}
