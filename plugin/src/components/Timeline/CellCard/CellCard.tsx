import React from 'react';
import { dateTimeFormat } from '@grafana/data';
import type { TimeZone } from '@grafana/schema';
import { useStyles2, useTheme2 } from '@grafana/ui';

import { METHODS, TEST_IDS } from '../../../constants';
import { DriftMethod } from '../../../types';
import { cellDetail, formatScore, formatSeverity, TimelineModel } from '../../../viewmodel';
import { getSizes } from '../../sizes';
import { TimelineLayout } from '../layout';
import { CellHover } from '../useCellHover';
import { getStyles } from './CellCard.styles';

interface Props {
  model: TimelineModel;
  hover: CellHover;
  /** The hovered row's feature. */
  label: string;
  layout: TimelineLayout;
  lecture: boolean;
  timeZone?: TimeZone;
}

/** The hovered cell: its feature, time and most severe score; beside the pointer, away from the plot's edge. */
export const CellCard: React.FC<Props> = ({ model, hover, label, layout, lecture, timeZone }) => {
  const styles = useStyles2(getStyles, lecture);
  const s = getSizes(useTheme2(), lecture);
  const { plotWidth, plotHeight } = layout;
  const detail = cellDetail(model, hover.row, hover.column);
  return (
    <div
      className={styles.card}
      data-testid={TEST_IDS.timelineTooltip}
      style={{
        left: hover.x > plotWidth / 2 ? undefined : hover.x + 12,
        right: hover.x > plotWidth / 2 ? plotWidth - hover.x + 12 : undefined,
        top: Math.min(hover.y + 12, Math.max(0, plotHeight - s.small * 5)),
      }}
    >
      <div className={styles.cardTitle}>{label}</div>
      <div className={styles.muted}>
        {dateTimeFormat(model.from + hover.column * model.cellMs, { timeZone, format: 'YYYY-MM-DD HH:mm:ss' })}
      </div>
      {detail ? (
        <div>
          {METHODS[detail.method as DriftMethod]?.short ?? detail.method}{' '}
          {formatScore(detail.method as DriftMethod, detail.score)} (threshold {detail.threshold}) · severity{' '}
          {formatSeverity(detail.severity)}
        </div>
      ) : (
        <div className={styles.muted}>no data</div>
      )}
    </div>
  );
};
