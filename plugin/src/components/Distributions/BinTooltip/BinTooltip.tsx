import React from 'react';
import { useStyles2 } from '@grafana/ui';

import { DistributionBin, formatPercent } from '../../../viewmodel';
import { getStyles } from './BinTooltip.styles';

interface Props {
  bin: DistributionBin;
  lecture: boolean;
}

export const BinTooltip: React.FC<Props> = ({ bin, lecture }) => {
  const styles = useStyles2(getStyles, lecture);
  const diff =
    bin.reference !== undefined && bin.current !== undefined ? (bin.current - bin.reference) * 100 : undefined;
  return (
    <div className={styles.tooltip}>
      <div className={styles.tooltipTitle}>
        {bin.label}
        {bin.isNew ? ' (not in the reference)' : ''}
      </div>
      <div>reference {formatPercent(bin.reference)}</div>
      <div>current {formatPercent(bin.current)}</div>
      {diff !== undefined && (
        <div>
          change {diff >= 0 ? '+' : '−'}
          {Math.abs(diff).toFixed(1)} percentage points
        </div>
      )}
    </div>
  );
};
