import React from 'react';
import { useStyles2 } from '@grafana/ui';

import { TEST_IDS } from '../../../constants';
import { getStyles } from './SeverityBar.styles';

/** The bar saturates at twice the threshold; the tick at its middle is the threshold itself. */
const BAR_SPAN = 2;

interface Props {
  severity: number;
  color: string;
  lecture: boolean;
}

export const SeverityBar: React.FC<Props> = ({ severity, color, lecture }) => {
  const styles = useStyles2(getStyles, lecture);
  return (
    <span className={styles.track}>
      <span
        className={styles.fill}
        data-testid={TEST_IDS.rankingBar}
        style={{ width: `${Math.min(1, severity / BAR_SPAN) * 100}%`, background: color }}
      />
      <span className={styles.tick} />
    </span>
  );
};
