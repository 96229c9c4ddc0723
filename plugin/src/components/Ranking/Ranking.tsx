import React, { useRef, useState } from 'react';
import { cx } from '@emotion/css';
import { useStyles2 } from '@grafana/ui';

import { METHODS, TEST_IDS } from '../../constants';
import {
  ColorScale,
  comparison,
  formatCount,
  formatPValue,
  formatScore,
  formatSeverity,
  RankingRow,
} from '../../viewmodel';
import { getStyles } from './Ranking.styles';

interface Props {
  rows: RankingRow[];
  total: number;
  models: string[];
  selectedKey?: string;
  onSelect?: (key: string) => void;
  colorScale: ColorScale;
  showPValues: boolean;
  lecture: boolean;
}

/** The bar saturates at twice the threshold; the tick at its middle is the threshold itself. */
const BAR_SPAN = 2;

export const Ranking: React.FC<Props> = ({
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
  const multiModel = models.length > 1;
  const grid = showPValues ? styles.gridWithP : styles.gridNoP;
  const drifted = rows.filter((r) => r.primary.drifted).length;
  const wrapperRef = useRef<HTMLDivElement>(null);
  // One hover card for the whole list: a Tooltip per row costs more than the rest of the render.
  const [hover, setHover] = useState<{ row: RankingRow; top: number; below: boolean }>();
  const showCard = (row: RankingRow, target: HTMLElement) => {
    const wrapper = wrapperRef.current;
    if (!wrapper) {
      return;
    }
    const box = wrapper.getBoundingClientRect();
    const rowBox = target.getBoundingClientRect();
    const below = rowBox.top - box.top < box.height / 2;
    setHover({ row, top: below ? rowBox.bottom - box.top + 4 : box.bottom - rowBox.top + 4, below });
  };
  return (
    <div className={styles.wrapper} data-testid={TEST_IDS.ranking} ref={wrapperRef}>
      <div className={styles.heading}>
        <span>Drift ranking{models.length === 1 ? ` · ${models[0]}` : ''}</span>
        <span className={styles.count}>
          {drifted} of {rows.length} drifted{total > rows.length ? ` · top ${rows.length} of ${total}` : ''}
        </span>
      </div>
      <div className={cx(styles.list, grid)}>
        <div className={styles.header} aria-hidden>
          <span>Feature</span>
          <span title="1 = at the threshold (the tick); the bar is full at twice the threshold">Severity</span>
          <span className={styles.right}>Score</span>
          {showPValues && <span className={styles.right}>p-value</span>}
        </div>
        {rows.map((row) => (
          <button
            key={row.key}
            type="button"
            className={cx(styles.row, row.key === selectedKey && styles.selected)}
            data-testid={TEST_IDS.rankingRow}
            data-feature={row.feature}
            data-drifted={row.primary.drifted}
            aria-current={row.key === selectedKey}
            aria-label={`${multiModel ? `${row.model} ` : ''}${row.feature}: ${METHODS[row.primary.method].label} ${formatScore(
              row.primary.method,
              row.primary.score
            )}, threshold ${row.primary.thresholdLabel}, ${row.primary.drifted ? 'drifted' : 'no drift'}`}
            onClick={() => onSelect?.(row.key)}
            onMouseEnter={(e) => showCard(row, e.currentTarget)}
            onMouseLeave={() => setHover(undefined)}
            onFocus={(e) => showCard(row, e.currentTarget)}
            onBlur={() => setHover(undefined)}
          >
            <span className={styles.name}>
              <span className={styles.featureName}>{row.feature}</span>
              {multiModel && <span className={styles.model}>{row.model}</span>}
            </span>
            <span className={styles.track}>
              <span
                className={styles.fill}
                data-testid={TEST_IDS.rankingBar}
                style={{
                  width: `${Math.min(1, row.primary.severity / BAR_SPAN) * 100}%`,
                  background: colorScale(row.colorValue),
                }}
              />
              <span className={styles.tick} />
            </span>
            <span className={styles.score}>
              <span className={styles.method}>{METHODS[row.primary.method].short}</span>
              {formatScore(row.primary.method, row.primary.score)}
              <span className={styles.threshold}>
                {' '}
                {comparison(row.primary.method, row.primary.drifted)} {row.primary.thresholdLabel}
              </span>
            </span>
            {showPValues && <span className={styles.pValue}>{row.pValue ? formatPValue(row.pValue.value) : '–'}</span>}
          </button>
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

/** "Why is this red?": the rule that decided, the evidence behind it and the other tests. */
const WhyTooltip: React.FC<{ row: RankingRow; lecture: boolean }> = ({ row, lecture }) => {
  const styles = useStyles2(getStyles, lecture);
  const { primary } = row;
  const info = METHODS[primary.method];
  const direction = info.kind === 'p-value' ? 'lower means more drift' : 'higher means more drift';
  return (
    <div className={styles.tooltip} data-testid={TEST_IDS.rankingTooltip}>
      <div className={styles.tooltipTitle}>
        {row.model} · {row.feature}: {primary.drifted ? 'drifted' : 'no drift'}
      </div>
      <div>
        {info.label} = {formatScore(primary.method, primary.score)} {comparison(primary.method, primary.drifted)}{' '}
        threshold {primary.thresholdLabel} <span className={styles.tooltipMuted}>({direction})</span>
      </div>
      <div>
        Severity {formatSeverity(primary.severity)}{' '}
        <span className={styles.tooltipMuted}>
          ({info.kind === 'p-value' ? 'log p / log threshold' : 'score / threshold'}; 1 = at the threshold)
        </span>
      </div>
      <div>
        p-value:{' '}
        {row.pValue ? (
          <>
            {formatPValue(row.pValue.value)} <span className={styles.tooltipMuted}>({row.pValue.statistic})</span>
          </>
        ) : (
          <span className={styles.tooltipMuted}>not in the query results</span>
        )}
      </div>
      <div>
        Samples:{' '}
        {row.sampleSizes ? (
          <>
            reference {formatCount(row.sampleSizes.reference)} · current {formatCount(row.sampleSizes.current)}
          </>
        ) : (
          <span className={styles.tooltipMuted}>not in the query results (driftlab_drift_sample_size)</span>
        )}
      </div>
      {row.detected !== undefined && (
        <div>
          Exporter says: {row.detected ? 'drift detected' : 'no drift'}{' '}
          <span className={styles.tooltipMuted}>(driftlab_drift_detected)</span>
          {/* The exporter also asks a distance on a numeric feature for KS p < 0.01 (exporter/docs/drift.md). */}
          {primary.drifted && !row.detected && (
            <div className={styles.tooltipMuted}>over the threshold, but the KS p-value does not rule out chance</div>
          )}
        </div>
      )}
      {row.others.length > 0 && (
        <div>
          Other tests:{' '}
          {row.others
            .map(
              (o) =>
                `${METHODS[o.method].short} ${formatScore(o.method, o.score)} ${comparison(o.method, o.drifted)} ${
                  o.thresholdLabel
                }`
            )
            .join(' · ')}
        </div>
      )}
    </div>
  );
};
