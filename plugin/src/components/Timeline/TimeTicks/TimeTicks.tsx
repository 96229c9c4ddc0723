import React, { useMemo } from 'react';
import type { TimeZone } from '@grafana/schema';
import { useStyles2, useTheme2 } from '@grafana/ui';

import { TimelineModel } from '../../../viewmodel';
import { getSizes } from '../../sizes';
import { TimelineLayout } from '../layout';
import { timeTicks } from '../timeAxis';
import { getStyles } from './TimeTicks.styles';

interface Props {
  model: TimelineModel;
  layout: TimelineLayout;
  top: number;
  lecture: boolean;
  timeZone?: TimeZone;
}

/** Round times under the plot, as many as fit without overlapping. */
export const TimeTicks: React.FC<Props> = ({ model, layout, top, lecture, timeZone }) => {
  const styles = useStyles2(getStyles, lecture);
  const { small } = getSizes(useTheme2(), lecture);
  const { plotLeft, plotWidth, xOf } = layout;
  const ticks = useMemo(
    () => timeTicks(model.from, model.to, Math.max(1, Math.floor(plotWidth / (small * 7))), timeZone),
    [model.from, model.to, plotWidth, small, timeZone]
  );
  return (
    <div className={styles.axis} style={{ left: plotLeft, top, width: plotWidth }}>
      {ticks.map((t) => (
        <span key={t.time} className={styles.tick} style={{ left: xOf(t.time) }}>
          {t.label}
        </span>
      ))}
    </div>
  );
};
