import React from 'react';
import { useTheme2 } from '@grafana/ui';

import { Distribution } from '../../../viewmodel';
import { BinGroup } from './BinGroup';
import { ChartLayout } from './layout';

interface Props {
  distribution: Distribution;
  layout: ChartLayout;
  title: string;
  width: number;
  lecture: boolean;
}

/** The svg: a percentage grid, a group of bars per bin, a numeric feature's bin edges and the baseline. */
export const DistributionChart: React.FC<Props> = ({ distribution, layout, title, width, lecture }) => {
  const theme = useTheme2();
  const { left, plotWidth, top, plotHeight } = layout;
  const categorical = distribution.kind === 'categorical';
  return (
    <svg
      width={width}
      height={layout.chartHeight}
      role="img"
      aria-label={`Reference and current distribution of ${title}`}
    >
      <PercentGrid layout={layout} />
      {distribution.bins.map((bin, i) => (
        <BinGroup key={bin.label} bin={bin} index={i} categorical={categorical} layout={layout} lecture={lecture} />
      ))}
      {!categorical && <EdgeAxis edges={distribution.edges} layout={layout} />}
      <line
        x1={left}
        x2={left + plotWidth}
        y1={top + plotHeight}
        y2={top + plotHeight}
        stroke={theme.colors.border.strong}
      />
    </svg>
  );
};

const PercentGrid: React.FC<{ layout: ChartLayout }> = ({ layout }) => {
  const theme = useTheme2();
  const { left, plotWidth, font, y } = layout;
  return (
    <>
      {layout.ticks.map((t) => (
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
    </>
  );
};

/** A numeric feature's bin edges under the boundaries between bins. */
const EdgeAxis: React.FC<{ edges: string[]; layout: ChartLayout }> = ({ edges, layout }) => {
  const theme = useTheme2();
  const { left, groupWidth, top, plotHeight, font } = layout;
  return (
    <>
      {edges.map((edge, k) =>
        k % layout.edgeEvery === 0 ? (
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
    </>
  );
};
