import { css } from '@emotion/css';

import { sizedStyles } from '../../styles';

export const getStyles = sizedStyles((theme, s) => ({
  header: css({
    display: 'flex',
    alignItems: 'baseline',
    justifyContent: 'space-between',
    gap: s.gap * 2,
    whiteSpace: 'nowrap',
    overflow: 'hidden',
  }),
  title: css({
    fontSize: s.title,
    fontWeight: theme.typography.fontWeightMedium,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
  }),
  legend: css({
    display: 'flex',
    gap: s.gap * 1.5,
    fontSize: s.small,
    color: theme.colors.text.secondary,
    flexShrink: 0,
  }),
  legendItem: css({
    display: 'inline-flex',
    alignItems: 'center',
    gap: s.gap / 2,
  }),
  swatch: css({
    display: 'inline-block',
    width: s.small,
    height: s.small * 0.8,
    borderRadius: theme.shape.radius.default,
  }),
}));
