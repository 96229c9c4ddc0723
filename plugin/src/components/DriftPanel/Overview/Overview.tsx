import React from 'react';
import { cx } from '@emotion/css';
import { useStyles2, useTheme2 } from '@grafana/ui';

import { Distributions, DistributionsProps } from '../../Distributions';
import { Ranking, RankingProps } from '../../Ranking';
import { getSizes, Sizes } from '../../sizes';
import { Pane } from '../Pane';
import { getStyles } from './Overview.styles';

/** Panels wider than this show the ranking and the distribution side by side. */
const SIDE_BY_SIDE_MIN_WIDTH = 640;

interface Props {
  ranking: RankingProps;
  distribution: Omit<DistributionsProps, 'width' | 'height'>;
  width: number;
  height: number;
  lecture: boolean;
}

/** The ranking beside (or above) the distribution of the selected feature. */
export const Overview: React.FC<Props> = ({ ranking, distribution, width, height, lecture }) => {
  const styles = useStyles2(getStyles, lecture);
  const s = getSizes(useTheme2(), lecture);
  const layout = overviewLayout(width, height, s, lecture);
  return (
    <div className={cx(styles.main, layout.sideBySide ? styles.row : styles.column)} style={{ width, height }}>
      <Pane width={layout.rankingWidth} height={layout.rankingHeight}>
        <Ranking {...ranking} showPValues={ranking.showPValues && layout.rankingWidth > s.font * 40} />
      </Pane>
      <Pane width={layout.distWidth} height={layout.distHeight}>
        <Distributions {...distribution} width={layout.distWidth} height={layout.distHeight} />
      </Pane>
    </div>
  );
};

function overviewLayout(width: number, height: number, s: Sizes, lecture: boolean) {
  const sideBySide = width >= SIDE_BY_SIDE_MIN_WIDTH * (lecture ? 1.5 : 1);
  const gap = s.gap * 2;
  // Lecture type is twice as wide: the ranking needs more of the width to keep names whole.
  const rankingWidth = sideBySide ? Math.floor((width - gap) * (lecture ? 0.54 : 0.46)) : width;
  const rankingHeight = sideBySide ? height : Math.floor((height - gap) * 0.5);
  return {
    sideBySide,
    rankingWidth,
    rankingHeight,
    distWidth: sideBySide ? width - rankingWidth - gap : width,
    distHeight: sideBySide ? height : height - rankingHeight - gap,
  };
}
