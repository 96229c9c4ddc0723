import React, { useMemo } from 'react';
import type { TimeZone } from '@grafana/schema';
import { useStyles2, useTheme2 } from '@grafana/ui';

import { TEST_IDS } from '../../constants';
import { ColorBy, MethodChoice } from '../../types';
import { ColorScale, featureLabel, TimelineAnnotation, TimelineModel } from '../../viewmodel';
import { getSizes } from '../sizes';
import { AnnotationLayer } from './AnnotationLayer';
import { CellCanvas } from './CellCanvas';
import { CellCard } from './CellCard';
import { timelineLayout } from './layout';
import { RowLabels } from './RowLabels';
import { getStyles } from './Timeline.styles';
import { LegendItem, TimelineHeader } from './TimelineHeader';
import { TimeTicks } from './TimeTicks';
import { useCellHover } from './useCellHover';

export type { LegendItem };

interface Props {
  model: TimelineModel;
  colorScale: ColorScale;
  legend: LegendItem[];
  annotations: TimelineAnnotation[];
  multiModel: boolean;
  method: MethodChoice;
  colorBy: ColorBy;
  width: number;
  height: number;
  lecture: boolean;
  timeZone?: TimeZone;
}

/** Features × time, coloured by drift, with the dashboard's annotations over it. */
export const Timeline: React.FC<Props> = ({
  model,
  colorScale,
  legend,
  annotations,
  multiModel,
  method,
  colorBy,
  width,
  height,
  lecture,
  timeZone,
}) => {
  const styles = useStyles2(getStyles, lecture);
  const s = getSizes(useTheme2(), lecture);
  const labels = useMemo(
    () => model.rows.map((r) => featureLabel(r.model, r.feature, multiModel)),
    [model.rows, multiModel]
  );
  const layout = timelineLayout(model, labels, width, height, s);
  const { plotLeft, plotTop, plotWidth, plotHeight } = layout;
  const { hover, onMove, onLeave } = useCellHover(model, layout);
  const belowPlot = plotTop + plotHeight + s.gap / 2;
  return (
    <div className={styles.wrapper} style={{ width, height }} data-testid={TEST_IDS.timeline}>
      <TimelineHeader
        method={method}
        colorBy={colorBy}
        legend={legend}
        height={layout.headerHeight}
        lecture={lecture}
      />
      {layout.showLabels && <RowLabels rows={model.rows} labels={labels} layout={layout} lecture={lecture} />}
      <div
        className={styles.plot}
        style={{ left: plotLeft, top: plotTop, width: plotWidth, height: plotHeight }}
        onMouseMove={onMove}
        onMouseLeave={onLeave}
      >
        <CellCanvas model={model} colorScale={colorScale} width={plotWidth} height={plotHeight} lecture={lecture} />
        <AnnotationLayer annotations={annotations} layout={layout} lecture={lecture} timeZone={timeZone} />
        {hover && (
          <CellCard
            model={model}
            hover={hover}
            label={labels[hover.row]}
            layout={layout}
            lecture={lecture}
            timeZone={timeZone}
          />
        )}
      </div>
      <TimeTicks model={model} layout={layout} top={belowPlot} lecture={lecture} timeZone={timeZone} />
      {model.instant && (
        <div className={styles.note} style={{ top: belowPlot }}>
          one point per series: use a range query for the timeline
        </div>
      )}
    </div>
  );
};
