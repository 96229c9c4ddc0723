import { css } from '@emotion/css';

import { sizedStyles } from '../../styles';

export const getStyles = sizedStyles((theme, s, lecture) => ({
  row: css({
    gridColumn: '1 / -1',
    display: 'grid',
    gridTemplateColumns: 'subgrid',
    alignItems: 'center',
    width: '100%',
    minHeight: s.rowHeight,
    padding: `0 ${s.pad}px`,
    background: 'none',
    border: 'none',
    borderLeft: `${lecture ? 6 : 3}px solid transparent`,
    color: 'inherit',
    font: 'inherit',
    textAlign: 'left',
    cursor: 'pointer',
    '&:hover': {
      background: theme.colors.action.hover,
    },
    '&:focus-visible': {
      outline: `2px solid ${theme.colors.primary.main}`,
      outlineOffset: -2,
    },
  }),
  selected: css({
    background: theme.colors.action.selected,
    borderLeftColor: theme.colors.primary.main,
  }),
  name: css({
    display: 'flex',
    alignItems: 'baseline',
    gap: s.gap / 2,
    minWidth: 0,
    overflow: 'hidden',
    whiteSpace: 'nowrap',
  }),
  featureName: css({
    overflow: 'hidden',
    textOverflow: 'ellipsis',
  }),
  model: css({
    fontSize: s.small,
    color: theme.colors.text.secondary,
    flexShrink: 0,
  }),
  score: css({
    whiteSpace: 'nowrap',
    fontVariantNumeric: 'tabular-nums',
    textAlign: 'right',
  }),
  method: css({
    color: theme.colors.text.secondary,
    fontSize: s.small,
    marginRight: s.gap / 2,
  }),
  threshold: css({
    color: theme.colors.text.secondary,
  }),
  pValue: css({
    whiteSpace: 'nowrap',
    fontVariantNumeric: 'tabular-nums',
    color: theme.colors.text.secondary,
    textAlign: 'right',
    minWidth: s.font * 4,
  }),
}));
