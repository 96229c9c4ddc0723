import { css } from '@emotion/css';

import { sizedStyles } from '../../styles';

export const getStyles = sizedStyles((theme, s) => ({
  heading: css({
    display: 'flex',
    alignItems: 'baseline',
    justifyContent: 'space-between',
    gap: s.gap,
    fontSize: s.title,
    fontWeight: theme.typography.fontWeightMedium,
    marginBottom: s.gap / 2,
    whiteSpace: 'nowrap',
  }),
  count: css({
    fontSize: s.small,
    fontWeight: theme.typography.fontWeightRegular,
    color: theme.colors.text.secondary,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
  }),
}));
