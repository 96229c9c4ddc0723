import { css } from '@emotion/css';

import { sizedStyles } from '../styles';

export const getStyles = sizedStyles((theme, s) => {
  // One grid for the header and every row (rows are subgrids), so the columns line up.
  const columns = (pValues: boolean) =>
    `minmax(${s.font * 6}px, max-content) minmax(${s.font * 4}px, 1fr) max-content${pValues ? ' max-content' : ''}`;
  return {
    wrapper: css({
      position: 'relative',
      display: 'flex',
      flexDirection: 'column',
      height: '100%',
      minWidth: 0,
      fontSize: s.font,
      color: theme.colors.text.primary,
    }),
    header: css({
      gridColumn: '1 / -1',
      display: 'grid',
      gridTemplateColumns: 'subgrid',
      alignItems: 'end',
      fontSize: s.small,
      color: theme.colors.text.secondary,
      padding: `0 ${s.pad}px ${theme.spacing.gridSize / 2}px`,
      borderBottom: `1px solid ${theme.colors.border.weak}`,
      position: 'sticky',
      top: 0,
      zIndex: 1,
      background: theme.colors.background.primary,
    }),
    gridWithP: css({ gridTemplateColumns: columns(true) }),
    gridNoP: css({ gridTemplateColumns: columns(false) }),
    list: css({
      flex: 1,
      display: 'grid',
      alignContent: 'start',
      columnGap: s.gap * 1.5,
      overflowY: 'auto',
      overflowX: 'hidden',
      minHeight: 0,
    }),
    right: css({ textAlign: 'right' }),
    card: css({
      position: 'absolute',
      left: s.pad * 3,
      zIndex: 2,
      pointerEvents: 'none',
      background: theme.components.tooltip.background,
      color: theme.components.tooltip.text,
      boxShadow: theme.shadows.z3,
      borderRadius: theme.shape.radius.default,
      padding: theme.spacing(1, 1.5),
    }),
  };
});
