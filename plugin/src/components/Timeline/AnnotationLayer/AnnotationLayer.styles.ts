import { css } from '@emotion/css';

import { sizedStyles } from '../../styles';

export const getStyles = sizedStyles((theme, s, lecture) => ({
  overlay: css({
    position: 'absolute',
    left: 0,
    top: 0,
    overflow: 'visible',
    pointerEvents: 'none',
  }),
  marker: css({
    pointerEvents: 'all',
    cursor: 'help',
  }),
  annotationTooltip: css({
    display: 'flex',
    flexDirection: 'column',
    gap: 2,
    fontSize: s.small,
    maxWidth: lecture ? 640 : 320,
  }),
  muted: css({
    color: theme.colors.text.secondary,
  }),
}));
