import { css } from '@emotion/css';

import { sizedStyles } from '../../styles';

export const getStyles = sizedStyles((theme, s) => ({
  labels: css({
    position: 'absolute',
    left: 0,
    overflow: 'hidden',
  }),
  label: css({
    position: 'absolute',
    left: 0,
    right: s.gap,
    textAlign: 'right',
    whiteSpace: 'nowrap',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    fontSize: s.small,
  }),
}));
