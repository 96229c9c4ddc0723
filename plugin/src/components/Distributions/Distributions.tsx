import React from 'react';
import { colorManipulator } from '@grafana/data';
import { Tooltip, useStyles2, useTheme2 } from '@grafana/ui';

import { METHODS, TEST_IDS } from '../../constants';
import {
  ColorScale,
  comparison,
  Distribution,
  DistributionBin,
  formatCount,
  formatPercent,
  formatScore,
  RankingRow,
} from '../../viewmodel';
import { getSizes } from '../sizes';
import { getStyles } from './Distributions.styles';

interface Props {
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

const MAX_CATEGORY_CHARS = 16;

function niceMax(max: number): { top: number; step: number } {
  const target = Math.max(max * 1.08, 0.01);
  const steps = [0.01, 0.02, 0.05, 0.1, 0.2, 0.25];
  for (const step of steps) {
    if (target / step <= 5) {
      return { top: Math.ceil(target / step) * step, step };
    }
  }
  return { top: Math.ceil(target / 0.25) * 0.25, step: 0.25 };
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Reference and current proportions of one feature, overlaid: the wide outlined bar is the reference. */
export const Distributions: React.FC<Props> = ({
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

  const header = (
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
      <div className={styles.legend}>
        <span className={styles.legendItem}>
          <span className={styles.swatchReference} />
          reference (training)
        </span>
        <span className={styles.legendItem}>
          <span className={styles.swatchCurrent} />
          current window
        </span>
        {row?.sampleSizes && (
          <span>
            n = {formatCount(row.sampleSizes.reference)} / {formatCount(row.sampleSizes.current)}
          </span>
        )}
      </div>
      {picker && <div className={styles.picker}>{picker}</div>}
    </>
  );

  if (!distribution) {
    return (
      <div className={styles.wrapper} style={{ width, height }} data-testid={TEST_IDS.distributions}>
        {header}
        <div className={styles.empty}>
          No bin proportions for this feature. Add driftlab_drift_bin_proportion to the panel&apos;s queries to compare
          the reference and current distributions.
        </div>
      </div>
    );
  }

  const chartHeight = Math.max(0, height - headerHeight);
  const font = s.small;
  const bins = distribution.bins;
  const categorical = distribution.kind === 'categorical';
  const left = Math.ceil(font * 3.4);
  const right = s.gap;
  const top = Math.ceil(font * 1.3);
  const plotWidth = Math.max(0, width - left - right);
  const groupWidth = bins.length > 0 ? plotWidth / bins.length : plotWidth;
  const longest = categorical ? Math.min(MAX_CATEGORY_CHARS, Math.max(...bins.map((b) => b.label.length))) : 0;
  const rotate = categorical && longest * font * 0.58 > groupWidth - 4;
  const bottom = Math.ceil(rotate ? longest * font * 0.58 * 0.6 + font * 1.6 : font * 2);
  const plotHeight = Math.max(0, chartHeight - top - bottom);
  const { top: yTop, step } = niceMax(distribution.max);
  const y = (p: number) => top + plotHeight - (Math.max(0, p) / yTop) * plotHeight;
  const ticks: number[] = [];
  for (let v = 0; v <= yTop + 1e-9; v += step) {
    ticks.push(v);
  }
  const referenceColor = theme.colors.text.secondary;
  const currentColor = theme.visualization.getColorByName('blue');
  const stroke = lecture ? 2 : 1;
  const edgeEvery = Math.max(
    1,
    Math.ceil((Math.max(1, ...distribution.edges.map((e) => e.length)) * font * 0.6 + font) / Math.max(1, groupWidth))
  );

  return (
    <div className={styles.wrapper} style={{ width, height }} data-testid={TEST_IDS.distributions}>
      {header}
      {plotHeight < font * 2 || plotWidth < font * 4 ? (
        <div className={styles.empty}>The panel is too small for the distribution chart.</div>
      ) : (
        <svg
          width={width}
          height={chartHeight}
          role="img"
          aria-label={`Reference and current distribution of ${title}`}
        >
          {ticks.map((t) => (
            <g key={t}>
              <line x1={left} x2={left + plotWidth} y1={y(t)} y2={y(t)} stroke={theme.colors.border.weak} />
              <text
                x={left - font * 0.4}
                y={y(t)}
                dy="0.35em"
                textAnchor="end"
                fontSize={font}
                fill={theme.colors.text.secondary}
              >
                {Math.round(t * 100)}%
              </text>
            </g>
          ))}
          {bins.map((bin, i) => {
            const x = left + i * groupWidth;
            return (
              <g key={bin.label} data-testid={TEST_IDS.distributionBin} data-bin={bin.label}>
                {bin.reference !== undefined && (
                  <rect
                    x={x + groupWidth * 0.08}
                    width={Math.max(1, groupWidth * 0.84)}
                    y={y(bin.reference)}
                    height={Math.max(0, top + plotHeight - y(bin.reference))}
                    fill={colorManipulator.alpha(referenceColor, 0.18)}
                    stroke={referenceColor}
                    strokeWidth={stroke}
                  />
                )}
                {bin.current !== undefined && (
                  <rect
                    x={x + groupWidth * 0.28}
                    width={Math.max(1, groupWidth * 0.44)}
                    y={y(bin.current)}
                    height={Math.max(0, top + plotHeight - y(bin.current))}
                    fill={currentColor}
                  />
                )}
                {bin.isNew && (
                  <text
                    x={x + groupWidth / 2}
                    y={y(bin.current ?? 0) - font * 0.3}
                    textAnchor="middle"
                    fontSize={font}
                    fill={theme.colors.warning.text}
                  >
                    new
                  </text>
                )}
                {categorical &&
                  (rotate ? (
                    <text
                      transform={`translate(${x + groupWidth / 2}, ${top + plotHeight + font * 0.9}) rotate(-35)`}
                      textAnchor="end"
                      fontSize={font}
                      fill={theme.colors.text.primary}
                    >
                      {truncate(bin.label, MAX_CATEGORY_CHARS)}
                    </text>
                  ) : (
                    <text
                      x={x + groupWidth / 2}
                      y={top + plotHeight + font * 1.3}
                      textAnchor="middle"
                      fontSize={font}
                      fill={theme.colors.text.primary}
                    >
                      {truncate(bin.label, MAX_CATEGORY_CHARS)}
                    </text>
                  ))}
                <Tooltip content={<BinTooltip bin={bin} styles={styles} />} placement="top">
                  <rect x={x} width={groupWidth} y={top} height={plotHeight} fill="transparent" />
                </Tooltip>
              </g>
            );
          })}
          {!categorical &&
            distribution.edges.map((edge, k) =>
              k % edgeEvery === 0 ? (
                <g key={k}>
                  <line
                    x1={left + (k + 1) * groupWidth}
                    x2={left + (k + 1) * groupWidth}
                    y1={top + plotHeight}
                    y2={top + plotHeight + font * 0.3}
                    stroke={theme.colors.border.strong}
                  />
                  <text
                    x={left + (k + 1) * groupWidth}
                    y={top + plotHeight + font * 1.3}
                    textAnchor="middle"
                    fontSize={font}
                    fill={theme.colors.text.primary}
                  >
                    {edge}
                  </text>
                </g>
              ) : null
            )}
          <line
            x1={left}
            x2={left + plotWidth}
            y1={top + plotHeight}
            y2={top + plotHeight}
            stroke={theme.colors.border.strong}
          />
        </svg>
      )}
    </div>
  );
};

const BinTooltip: React.FC<{ bin: DistributionBin; styles: ReturnType<typeof getStyles> }> = ({ bin, styles }) => {
  const diff =
    bin.reference !== undefined && bin.current !== undefined ? (bin.current - bin.reference) * 100 : undefined;
  return (
    <div className={styles.tooltip}>
      <div className={styles.tooltipTitle}>
        {bin.label}
        {bin.isNew ? ' (not in the reference)' : ''}
      </div>
      <div>reference {formatPercent(bin.reference)}</div>
      <div>current {formatPercent(bin.current)}</div>
      {diff !== undefined && (
        <div>
          change {diff >= 0 ? '+' : '−'}
          {Math.abs(diff).toFixed(1)} percentage points
        </div>
      )}
    </div>
  );
};
