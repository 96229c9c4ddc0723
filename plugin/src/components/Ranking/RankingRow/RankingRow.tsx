import React from 'react';
import { cx } from '@emotion/css';
import { useStyles2 } from '@grafana/ui';

import { METHODS, TEST_IDS } from '../../../constants';
import { ColorScale, comparison, formatPValue, formatScore, RankingRow as Row } from '../../../viewmodel';
import { SeverityBar } from '../SeverityBar';
import { getStyles } from './RankingRow.styles';

interface Props {
  row: Row;
  selected: boolean;
  multiModel: boolean;
  colorScale: ColorScale;
  showPValue: boolean;
  lecture: boolean;
  onSelect?: (key: string) => void;
  onHover: (row: Row, target: HTMLElement) => void;
  onLeave: () => void;
}

/** What a screen reader says for a row: the feature, the test that decided and the verdict. */
function rowLabel(row: Row, multiModel: boolean): string {
  const { method, score, thresholdLabel, drifted } = row.primary;
  const feature = `${multiModel ? `${row.model} ` : ''}${row.feature}`;
  return `${feature}: ${METHODS[method].label} ${formatScore(method, score)}, threshold ${thresholdLabel}, ${
    drifted ? 'drifted' : 'no drift'
  }`;
}

/** One feature: name, severity bar, the score against its threshold and the p-value. */
export const RankingRow: React.FC<Props> = ({
  row,
  selected,
  multiModel,
  colorScale,
  showPValue,
  lecture,
  onSelect,
  onHover,
  onLeave,
}) => {
  const styles = useStyles2(getStyles, lecture);
  const { primary } = row;
  return (
    <button
      type="button"
      className={cx(styles.row, selected && styles.selected)}
      data-testid={TEST_IDS.rankingRow}
      data-feature={row.feature}
      data-drifted={primary.drifted}
      aria-current={selected}
      aria-label={rowLabel(row, multiModel)}
      onClick={() => onSelect?.(row.key)}
      onMouseEnter={(e) => onHover(row, e.currentTarget)}
      onMouseLeave={onLeave}
      onFocus={(e) => onHover(row, e.currentTarget)}
      onBlur={onLeave}
    >
      <span className={styles.name}>
        <span className={styles.featureName}>{row.feature}</span>
        {multiModel && <span className={styles.model}>{row.model}</span>}
      </span>
      <SeverityBar severity={primary.severity} color={colorScale(row.colorValue)} lecture={lecture} />
      <span className={styles.score}>
        <span className={styles.method}>{METHODS[primary.method].short}</span>
        {formatScore(primary.method, primary.score)}
        <span className={styles.threshold}>
          {' '}
          {comparison(primary.method, primary.drifted)} {primary.thresholdLabel}
        </span>
      </span>
      {showPValue && <span className={styles.pValue}>{row.pValue ? formatPValue(row.pValue.value) : '–'}</span>}
    </button>
  );
};
