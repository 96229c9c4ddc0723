import React from 'react';
import { cx } from '@emotion/css';
import { useStyles2 } from '@grafana/ui';

import { TEST_IDS } from '../../constants';
import { ColorScale, RankingRow as Row } from '../../viewmodel';
import { getStyles } from './Ranking.styles';
import { RankingHeading } from './RankingHeading';
import { RankingRow } from './RankingRow';
import { useHoverCard } from './useHoverCard';
import { WhyTooltip } from './WhyTooltip';

export interface RankingProps {
  rows: Row[];
  total: number;
  models: string[];
  selectedKey?: string;
  onSelect?: (key: string) => void;
  colorScale: ColorScale;
  showPValues: boolean;
  lecture: boolean;
}

/** Features sorted by drift: a severity bar each, the score that decided, and "why" on hover. */
export const Ranking: React.FC<RankingProps> = ({
  rows,
  total,
  models,
  selectedKey,
  onSelect,
  colorScale,
  showPValues,
  lecture,
}) => {
  const styles = useStyles2(getStyles, lecture);
  const { wrapperRef, hover, showCard, hideCard } = useHoverCard();
  return (
    <div className={styles.wrapper} data-testid={TEST_IDS.ranking} ref={wrapperRef}>
      <RankingHeading rows={rows} total={total} models={models} lecture={lecture} />
      <div className={cx(styles.list, showPValues ? styles.gridWithP : styles.gridNoP)}>
        <div className={styles.header} aria-hidden>
          <span>Feature</span>
          <span title="1 = at the threshold (the tick); the bar is full at twice the threshold">Severity</span>
          <span className={styles.right}>Score</span>
          {showPValues && <span className={styles.right}>p-value</span>}
        </div>
        {rows.map((row) => (
          <RankingRow
            key={row.key}
            row={row}
            selected={row.key === selectedKey}
            multiModel={models.length > 1}
            colorScale={colorScale}
            showPValue={showPValues}
            lecture={lecture}
            onSelect={onSelect}
            onHover={showCard}
            onLeave={hideCard}
          />
        ))}
      </div>
      {hover && (
        <div className={styles.card} style={hover.below ? { top: hover.top } : { bottom: hover.top }} role="tooltip">
          <WhyTooltip row={hover.row} lecture={lecture} />
        </div>
      )}
    </div>
  );
};
