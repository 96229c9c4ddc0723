import React from 'react';
import { colorManipulator } from '@grafana/data';
import { Tooltip, useTheme2 } from '@grafana/ui';

import { TEST_IDS } from '../../../constants';
import { DistributionBin } from '../../../viewmodel';
import { BinTooltip } from '../BinTooltip';
import { ChartLayout, MAX_CATEGORY_CHARS } from './layout';

interface Props {
  bin: DistributionBin;
  index: number;
  categorical: boolean;
  layout: ChartLayout;
  lecture: boolean;
}

/** One bin: the wide outlined reference bar, the narrow current bar over it, and its label. */
export const BinGroup: React.FC<Props> = ({ bin, index, categorical, layout, lecture }) => {
  const theme = useTheme2();
  const { left, top, plotHeight, groupWidth, font, y } = layout;
  const x = left + index * groupWidth;
  const referenceColor = theme.colors.text.secondary;
  return (
    <g data-testid={TEST_IDS.distributionBin} data-bin={bin.label}>
      {bin.reference !== undefined && (
        <rect
          {...bar(layout, x, 0.08, 0.84, bin.reference)}
          fill={colorManipulator.alpha(referenceColor, 0.18)}
          stroke={referenceColor}
          strokeWidth={lecture ? 2 : 1}
        />
      )}
      {bin.current !== undefined && (
        <rect {...bar(layout, x, 0.28, 0.44, bin.current)} fill={theme.visualization.getColorByName('blue')} />
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
      {categorical && (
        <text {...categoryPosition(layout, x)} fontSize={font} fill={theme.colors.text.primary}>
          {truncate(bin.label, MAX_CATEGORY_CHARS)}
        </text>
      )}
      <Tooltip content={<BinTooltip bin={bin} lecture={lecture} />} placement="top">
        <rect x={x} width={groupWidth} y={top} height={plotHeight} fill="transparent" />
      </Tooltip>
    </g>
  );
};

/** A bar from `offset` of the bin's width, `share` of it wide, up to the proportion `p`. */
function bar({ groupWidth, top, plotHeight, y }: ChartLayout, x: number, offset: number, share: number, p: number) {
  return {
    x: x + groupWidth * offset,
    width: Math.max(1, groupWidth * share),
    y: y(p),
    height: Math.max(0, top + plotHeight - y(p)),
  };
}

/** Under the bin's middle; rotated to end there when the labels do not fit side by side. */
function categoryPosition(
  { groupWidth, top, plotHeight, font, rotate }: ChartLayout,
  x: number
): React.SVGProps<SVGTextElement> {
  const middle = x + groupWidth / 2;
  return rotate
    ? { transform: `translate(${middle}, ${top + plotHeight + font * 0.9}) rotate(-35)`, textAnchor: 'end' }
    : { x: middle, y: top + plotHeight + font * 1.3, textAnchor: 'middle' };
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
