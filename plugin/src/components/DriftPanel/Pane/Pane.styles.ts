import { css } from '@emotion/css';

export const getStyles = () => ({
  pane: css({
    minWidth: 0,
    minHeight: 0,
    overflow: 'hidden',
    flexShrink: 0,
  }),
});
