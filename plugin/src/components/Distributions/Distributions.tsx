import React from 'react';
import { useStyles2, useTheme2 } from '@grafana/ui';

import { TEST_IDS } from '../../constants';
import { ColorScale, Distribution, RankingRow } from '../../viewmodel';
import { getSizes } from '../sizes';
import { DistributionChart } from './DistributionChart';
import { chartLayout, fitsChart } from './DistributionChart/layout';
import { DistributionHeader } from './DistributionHeader';
import { getStyles } from './Distributions.styles';

export interface DistributionsProps {
  distribution?: Distribution;
  /** The feature's ranking row, for the verdict beside the title. */
  row?: RankingRow;
  title: string;
  width: number;
  height: number;
  lecture: boolean;
  colorScale: ColorScale;
  /** Rendered under the title (the feature picker of the distributions mode). */
  picker?: React.ReactNode;
  pickerHeight?: number;
}

/** Reference and current proportions of one feature, overlaid: the wide outlined bar is the reference. */
export const Distributions: React.FC<DistributionsProps> = ({
  distribution,
  row,
  title,
  width,
  height,
  lecture,
  colorScale,
  picker,
  pickerHeight = 0,
}) => {
  const styles = useStyles2(getStyles, lecture);
  const theme = useTheme2();
  const s = getSizes(theme, lecture);
  const headerHeight = Math.ceil(s.title * 1.5 + s.small * 1.6 + theme.spacing.gridSize) + pickerHeight;
  const layout = distribution && chartLayout(distribution, width, Math.max(0, height - headerHeight), s);
  return (
    <div className={styles.wrapper} style={{ width, height }} data-testid={TEST_IDS.distributions}>
      <DistributionHeader title={title} row={row} colorScale={colorScale} picker={picker} lecture={lecture} />
      {!distribution || !layout ? (
        <div className={styles.empty}>
          No bin proportions for this feature. Add driftlab_drift_bin_proportion to the panel&apos;s queries to compare
          the reference and current distributions.
        </div>
      ) : !fitsChart(layout) ? (
        <div className={styles.empty}>The panel is too small for the distribution chart.</div>
      ) : (
        <DistributionChart distribution={distribution} layout={layout} title={title} width={width} lecture={lecture} />
      )}
    </div>
  );
};
