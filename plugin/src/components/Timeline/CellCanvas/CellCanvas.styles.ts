import { css } from '@emotion/css';

import { sizedStyles } from '../../styles';

export const getStyles = sizedStyles(() => ({
  canvas: css({
    position: 'absolute',
    left: 0,
    top: 0,
  }),
}));
