import { css } from '@emotion/css';
import { GrafanaTheme2 } from '@grafana/data';

import { getSizes } from '../sizes';

export const getStyles = (theme: GrafanaTheme2, lecture: boolean) => {
  const s = getSizes(theme, lecture);
  return {
    wrapper: css({
      display: 'flex',
      flexDirection: 'column',
      gap: theme.spacing.gridSize / 2,
      overflow: 'hidden',
      fontFamily: theme.typography.fontFamily,
      color: theme.colors.text.primary,
    }),
    main: css({
      display: 'flex',
      gap: s.gap * 2,
      minHeight: 0,
      overflow: 'hidden',
    }),
    row: css({ flexDirection: 'row' }),
    column: css({ flexDirection: 'column' }),
    pane: css({
      minWidth: 0,
      minHeight: 0,
      overflow: 'hidden',
      flexShrink: 0,
    }),
  };
};
