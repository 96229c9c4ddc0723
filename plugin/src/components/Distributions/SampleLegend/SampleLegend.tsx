import React from 'react';
import { useStyles2 } from '@grafana/ui';

import { formatCount, SampleSizes } from '../../../viewmodel';
import { getStyles } from './SampleLegend.styles';

interface Props {
  sampleSizes?: SampleSizes;
  lecture: boolean;
}

/** Which bar is which sample, and how many events each holds when the query has the sizes. */
export const SampleLegend: React.FC<Props> = ({ sampleSizes, lecture }) => {
  const styles = useStyles2(getStyles, lecture);
  return (
    <div className={styles.legend}>
      <span className={styles.legendItem}>
        <span className={styles.swatchReference} />
        reference (training)
      </span>
      <span className={styles.legendItem}>
        <span className={styles.swatchCurrent} />
        current window
      </span>
      {sampleSizes && (
        <span>
          n = {formatCount(sampleSizes.reference)} / {formatCount(sampleSizes.current)}
        </span>
      )}
    </div>
  );
};
