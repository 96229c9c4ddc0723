import { css } from '@emotion/css';

import { sizedStyles } from '../styles';

export const getStyles = sizedStyles((theme, s) => ({
  wrapper: css({
    display: 'flex',
    flexDirection: 'column',
    minWidth: 0,
    color: theme.colors.text.primary,
    fontSize: s.font,
    position: 'relative',
  }),
  empty: css({
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'center',
    textAlign: 'center',
    color: theme.colors.text.secondary,
    fontSize: s.font,
    padding: s.pad,
    flex: 1,
  }),
}));
