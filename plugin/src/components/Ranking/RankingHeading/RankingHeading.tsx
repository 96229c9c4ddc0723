import React from 'react';
import { useStyles2 } from '@grafana/ui';

import { RankingRow } from '../../../viewmodel';
import { getStyles } from './RankingHeading.styles';

interface Props {
  rows: RankingRow[];
  /** Features before top N was applied. */
  total: number;
  models: string[];
  lecture: boolean;
}

/** "Drift ranking · credit" and how many of the shown features drifted. */
export const RankingHeading: React.FC<Props> = ({ rows, total, models, lecture }) => {
  const styles = useStyles2(getStyles, lecture);
  const drifted = rows.filter((r) => r.primary.drifted).length;
  return (
    <div className={styles.heading}>
      <span>Drift ranking{models.length === 1 ? ` · ${models[0]}` : ''}</span>
      <span className={styles.count}>
        {drifted} of {rows.length} drifted{total > rows.length ? ` · top ${rows.length} of ${total}` : ''}
      </span>
    </div>
  );
};
