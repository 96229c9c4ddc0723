import { css } from '@emotion/css';

import { sizedStyles } from '../../styles';

export const getStyles = sizedStyles((theme, s) => ({
  header: css({
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'baseline',
    columnGap: s.gap * 2,
    rowGap: theme.spacing.gridSize / 2,
    overflow: 'hidden',
  }),
  title: css({
    fontSize: s.title,
    fontWeight: theme.typography.fontWeightMedium,
    whiteSpace: 'nowrap',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    maxWidth: '100%',
  }),
  verdict: css({
    display: 'inline-flex',
    alignItems: 'center',
    gap: s.gap / 2,
    fontSize: s.small,
    whiteSpace: 'nowrap',
  }),
  dot: css({
    display: 'inline-block',
    width: s.small * 0.8,
    height: s.small * 0.8,
    borderRadius: theme.shape.radius.circle,
  }),
  picker: css({
    marginTop: theme.spacing.gridSize,
    marginBottom: s.gap / 2,
    maxWidth: 420,
  }),
}));
