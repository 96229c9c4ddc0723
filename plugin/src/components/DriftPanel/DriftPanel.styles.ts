import { css } from '@emotion/css';

import { sizedStyles } from '../styles';

export const getStyles = sizedStyles((theme) => ({
  wrapper: css({
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing.gridSize / 2,
    overflow: 'hidden',
    fontFamily: theme.typography.fontFamily,
    color: theme.colors.text.primary,
  }),
}));
