import { css } from '@emotion/css';

import { sizedStyles } from '../../styles';

// The swatches look like the chart's bars: the reference outlined, the current window solid.
export const getStyles = sizedStyles((theme, s, lecture) => ({
  legend: css({
    display: 'flex',
    gap: s.gap * 1.5,
    fontSize: s.small,
    color: theme.colors.text.secondary,
    whiteSpace: 'nowrap',
  }),
  legendItem: css({
    display: 'inline-flex',
    alignItems: 'center',
    gap: s.gap / 2,
  }),
  swatchReference: css({
    display: 'inline-block',
    width: s.small * 1.2,
    height: s.small * 0.8,
    border: `${lecture ? 2 : 1}px solid ${theme.colors.text.secondary}`,
    background: theme.colors.action.hover,
  }),
  swatchCurrent: css({
    display: 'inline-block',
    width: s.small * 0.7,
    height: s.small * 0.8,
    background: theme.visualization.getColorByName('blue'),
  }),
}));
