import React from 'react';
import { useStyles2 } from '@grafana/ui';

import { METHODS } from '../../../constants';
import { ColorBy, DriftMethod, MethodChoice } from '../../../types';
import { getStyles } from './TimelineHeader.styles';

export interface LegendItem {
  label: string;
  color: string;
}

interface Props {
  method: MethodChoice;
  colorBy: ColorBy;
  legend: LegendItem[];
  height: number;
  lecture: boolean;
}

/** What the colours are (severity or score, of which test) and the legend of the colour scale. */
export const TimelineHeader: React.FC<Props> = ({ method, colorBy, legend, height, lecture }) => {
  const styles = useStyles2(getStyles, lecture);
  const what = method === 'auto' ? 'most severe test' : METHODS[method as DriftMethod].short;
  return (
    <div className={styles.header} style={{ height }}>
      <span
        className={styles.title}
      >{`Drift over time · ${colorBy === 'severity' ? 'severity' : 'score'}, ${what}`}</span>
      <span className={styles.legend}>
        {legend.map((item) => (
          <span key={item.label} className={styles.legendItem}>
            <span className={styles.swatch} style={{ background: item.color }} />
            {item.label}
          </span>
        ))}
      </span>
    </div>
  );
};
