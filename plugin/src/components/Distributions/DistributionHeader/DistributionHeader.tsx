import React from 'react';
import { useStyles2 } from '@grafana/ui';

import { METHODS } from '../../../constants';
import { ColorScale, comparison, formatScore, RankingRow } from '../../../viewmodel';
import { SampleLegend } from '../SampleLegend';
import { getStyles } from './DistributionHeader.styles';

interface Props {
  title: string;
  row?: RankingRow;
  colorScale: ColorScale;
  picker?: React.ReactNode;
  lecture: boolean;
}

/** The feature and its verdict, the legend of the two bars, and the picker when there is one. */
export const DistributionHeader: React.FC<Props> = ({ title, row, colorScale, picker, lecture }) => {
  const styles = useStyles2(getStyles, lecture);
  return (
    <>
      <div className={styles.header}>
        <span className={styles.title} title={title}>
          {title}
        </span>
        {row && (
          <span className={styles.verdict}>
            <span className={styles.dot} style={{ background: colorScale(row.colorValue) }} />
            {METHODS[row.primary.method].short} {formatScore(row.primary.method, row.primary.score)}{' '}
            {comparison(row.primary.method, row.primary.drifted)} {row.primary.thresholdLabel} ·{' '}
            {row.primary.drifted ? 'drifted' : 'no drift'}
          </span>
        )}
      </div>
      <SampleLegend sampleSizes={row?.sampleSizes} lecture={lecture} />
      {picker && <div className={styles.picker}>{picker}</div>}
    </>
  );
};
