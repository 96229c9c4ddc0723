import React from 'react';
import { useStyles2 } from '@grafana/ui';

import { METHODS, TEST_IDS } from '../../../constants';
import { comparison, formatCount, formatPValue, formatScore, formatSeverity, RankingRow } from '../../../viewmodel';
import { getStyles } from './WhyTooltip.styles';

interface Props {
  row: RankingRow;
  lecture: boolean;
}

/** "Why is this red?": the rule that decided, the evidence behind it and the other tests. */
export const WhyTooltip: React.FC<Props> = ({ row, lecture }) => {
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
      <Evidence row={row} lecture={lecture} />
      {row.others.length > 0 && <div>Other tests: {otherTests(row)}</div>}
    </div>
  );
};

/** The p-value, sample sizes and the exporter's verdict, or what is missing from the query results. */
const Evidence: React.FC<Props> = ({ row, lecture }) => {
  const styles = useStyles2(getStyles, lecture);
  return (
    <>
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
          {row.primary.drifted && !row.detected && (
            <div className={styles.tooltipMuted}>over the threshold, but the KS p-value does not rule out chance</div>
          )}
        </div>
      )}
    </>
  );
};

function otherTests(row: RankingRow): string {
  return row.others
    .map(
      (o) =>
        `${METHODS[o.method].short} ${formatScore(o.method, o.score)} ${comparison(o.method, o.drifted)} ${o.thresholdLabel}`
    )
    .join(' · ');
}
