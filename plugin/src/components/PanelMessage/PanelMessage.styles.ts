import { css } from '@emotion/css';

import { sizedStyles } from '../styles';

export const getStyles = sizedStyles((theme, s, lecture) => ({
  wrapper: css({
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'center',
    height: '100%',
    width: '100%',
    overflow: 'auto',
    padding: s.pad,
  }),
  box: css({
    maxWidth: lecture ? 1400 : 640,
    display: 'flex',
    flexDirection: 'column',
    gap: s.gap,
    color: theme.colors.text.primary,
    fontSize: s.font,
  }),
  title: css({
    display: 'flex',
    alignItems: 'center',
    gap: s.gap,
    fontSize: s.title,
    fontWeight: theme.typography.fontWeightMedium,
    margin: 0,
  }),
  icon: css({
    color: theme.colors.warning.text,
    flexShrink: 0,
  }),
  detail: css({
    color: theme.colors.text.secondary,
    margin: 0,
    overflowWrap: 'anywhere',
  }),
  reasons: css({
    margin: 0,
    paddingLeft: s.font,
    color: theme.colors.text.secondary,
    fontSize: s.small,
    overflowWrap: 'anywhere',
  }),
}));
