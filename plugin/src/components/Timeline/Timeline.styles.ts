import { css } from '@emotion/css';

import { sizedStyles } from '../styles';

export const getStyles = sizedStyles((theme, s) => ({
  wrapper: css({
    position: 'relative',
    color: theme.colors.text.primary,
    fontSize: s.font,
    overflow: 'hidden',
  }),
  plot: css({
    position: 'absolute',
    background: theme.colors.background.secondary,
    cursor: 'crosshair',
  }),
  note: css({
    position: 'absolute',
    right: 0,
    fontSize: s.small,
    color: theme.colors.text.secondary,
  }),
}));
