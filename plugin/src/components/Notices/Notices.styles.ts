import { css } from '@emotion/css';

import { sizedStyles } from '../styles';

export const getStyles = sizedStyles((theme, s) => ({
  wrapper: css({
    display: 'flex',
    alignItems: 'flex-start',
    gap: s.gap,
    fontSize: s.small,
    lineHeight: 1.4,
    color: theme.colors.text.secondary,
    borderTop: `1px solid ${theme.colors.border.weak}`,
    paddingTop: theme.spacing.gridSize / 2,
    maxHeight: '40%',
    overflow: 'auto',
    flexShrink: 0,
  }),
  icon: css({
    color: theme.colors.warning.text,
    flexShrink: 0,
    marginTop: 2,
  }),
  list: css({
    flex: 1,
    minWidth: 0,
  }),
  line: css({
    overflowWrap: 'anywhere',
  }),
  collapsed: css({
    whiteSpace: 'nowrap',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
  }),
  toggle: css({
    background: 'none',
    border: 'none',
    padding: 0,
    color: theme.colors.text.link,
    cursor: 'pointer',
    fontSize: s.small,
    flexShrink: 0,
  }),
}));
