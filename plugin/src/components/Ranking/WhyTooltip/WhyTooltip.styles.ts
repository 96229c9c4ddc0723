import { css } from '@emotion/css';

import { sizedStyles } from '../../styles';

export const getStyles = sizedStyles((theme, s, lecture) => ({
  tooltip: css({
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing.gridSize / 2,
    fontSize: s.small,
    maxWidth: lecture ? 720 : 360,
  }),
  tooltipTitle: css({
    fontWeight: theme.typography.fontWeightMedium,
    fontSize: s.font,
  }),
  tooltipMuted: css({
    color: theme.colors.text.secondary,
  }),
}));
