import { css } from '@emotion/css';

import { sizedStyles } from '../../styles';

export const getStyles = sizedStyles((theme, s, lecture) => ({
  track: css({
    position: 'relative',
    height: s.barHeight,
    background: theme.colors.background.secondary,
    borderRadius: theme.shape.radius.default,
    overflow: 'hidden',
  }),
  fill: css({
    position: 'absolute',
    left: 0,
    top: 0,
    bottom: 0,
    borderRadius: theme.shape.radius.default,
  }),
  // The threshold sits in the middle of the track: bars past it are drifted.
  tick: css({
    position: 'absolute',
    left: '50%',
    top: 0,
    bottom: 0,
    borderLeft: `${lecture ? 3 : 2}px solid ${theme.colors.text.primary}`,
    opacity: 0.6,
  }),
}));
