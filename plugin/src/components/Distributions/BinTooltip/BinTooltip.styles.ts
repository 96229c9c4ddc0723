import { css } from '@emotion/css';

import { sizedStyles } from '../../styles';

export const getStyles = sizedStyles((theme, s) => ({
  tooltip: css({
    display: 'flex',
    flexDirection: 'column',
    gap: 2,
    fontSize: s.small,
    fontVariantNumeric: 'tabular-nums',
  }),
  tooltipTitle: css({
    fontWeight: theme.typography.fontWeightMedium,
  }),
}));
