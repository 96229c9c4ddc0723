import React from 'react';
import { useStyles2 } from '@grafana/ui';

import { TEST_IDS } from '../../../constants';
import { TimelineRow } from '../../../viewmodel';
import { TimelineLayout } from '../layout';
import { getStyles } from './RowLabels.styles';

interface Props {
  rows: TimelineRow[];
  labels: string[];
  layout: TimelineLayout;
  lecture: boolean;
}

/** The feature of each row, left of the plot and level with its cells. */
export const RowLabels: React.FC<Props> = ({ rows, labels, layout, lecture }) => {
  const styles = useStyles2(getStyles, lecture);
  const { rowHeight } = layout;
  return (
    <div className={styles.labels} style={{ top: layout.plotTop, width: layout.labelWidth, height: layout.plotHeight }}>
      {labels.map((label, i) => (
        <div
          key={rows[i].key}
          className={styles.label}
          style={{ top: i * rowHeight, height: rowHeight, lineHeight: `${rowHeight}px` }}
          data-testid={TEST_IDS.timelineRowLabel}
          title={label}
        >
          {label}
        </div>
      ))}
    </div>
  );
};
