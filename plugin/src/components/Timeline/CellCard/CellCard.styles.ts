import { css } from '@emotion/css';

import { sizedStyles } from '../../styles';

export const getStyles = sizedStyles((theme, s) => ({
  card: css({
    position: 'absolute',
    zIndex: 2,
    pointerEvents: 'none',
    background: theme.components.tooltip.background,
    color: theme.components.tooltip.text,
    boxShadow: theme.shadows.z2,
    borderRadius: theme.shape.radius.default,
    padding: theme.spacing(0.75, 1),
    fontSize: s.small,
    fontVariantNumeric: 'tabular-nums',
    whiteSpace: 'nowrap',
  }),
  cardTitle: css({
    fontWeight: theme.typography.fontWeightMedium,
  }),
  muted: css({
    color: theme.colors.text.secondary,
  }),
}));
