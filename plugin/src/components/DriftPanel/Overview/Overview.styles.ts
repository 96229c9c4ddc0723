import { css } from '@emotion/css';

import { sizedStyles } from '../../styles';

export const getStyles = sizedStyles((theme, s) => ({
  main: css({
    display: 'flex',
    gap: s.gap * 2,
    minHeight: 0,
    overflow: 'hidden',
  }),
  row: css({ flexDirection: 'row' }),
  column: css({ flexDirection: 'column' }),
}));
