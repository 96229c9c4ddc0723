import { css } from '@emotion/css';

import { sizedStyles } from '../../styles';

export const getStyles = sizedStyles((theme, s) => ({
  axis: css({
    position: 'absolute',
    fontSize: s.small,
    color: theme.colors.text.secondary,
  }),
  tick: css({
    position: 'absolute',
    transform: 'translateX(-50%)',
    whiteSpace: 'nowrap',
    '&::before': {
      content: '""',
      position: 'absolute',
      left: '50%',
      top: -theme.spacing.gridSize / 2,
      height: theme.spacing.gridSize / 2,
      borderLeft: `1px solid ${theme.colors.border.strong}`,
    },
  }),
}));
