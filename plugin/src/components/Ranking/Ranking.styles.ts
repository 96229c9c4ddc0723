import { css } from '@emotion/css';
import { GrafanaTheme2 } from '@grafana/data';

import { getSizes } from '../sizes';

export const getStyles = (theme: GrafanaTheme2, lecture: boolean) => {
  const s = getSizes(theme, lecture);
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
    heading: css({
      display: 'flex',
      alignItems: 'baseline',
      justifyContent: 'space-between',
      gap: s.gap,
      fontSize: s.title,
      fontWeight: theme.typography.fontWeightMedium,
      marginBottom: s.gap / 2,
      whiteSpace: 'nowrap',
    }),
    count: css({
      fontSize: s.small,
      fontWeight: theme.typography.fontWeightRegular,
      color: theme.colors.text.secondary,
      overflow: 'hidden',
      textOverflow: 'ellipsis',
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
    row: css({
      gridColumn: '1 / -1',
      display: 'grid',
      gridTemplateColumns: 'subgrid',
      alignItems: 'center',
      width: '100%',
      minHeight: s.rowHeight,
      padding: `0 ${s.pad}px`,
      background: 'none',
      border: 'none',
      borderLeft: `${lecture ? 6 : 3}px solid transparent`,
      color: 'inherit',
      font: 'inherit',
      textAlign: 'left',
      cursor: 'pointer',
      '&:hover': {
        background: theme.colors.action.hover,
      },
      '&:focus-visible': {
        outline: `2px solid ${theme.colors.primary.main}`,
        outlineOffset: -2,
      },
    }),
    selected: css({
      background: theme.colors.action.selected,
      borderLeftColor: theme.colors.primary.main,
    }),
    name: css({
      display: 'flex',
      alignItems: 'baseline',
      gap: s.gap / 2,
      minWidth: 0,
      overflow: 'hidden',
      whiteSpace: 'nowrap',
    }),
    featureName: css({
      overflow: 'hidden',
      textOverflow: 'ellipsis',
    }),
    model: css({
      fontSize: s.small,
      color: theme.colors.text.secondary,
      flexShrink: 0,
    }),
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
    score: css({
      whiteSpace: 'nowrap',
      fontVariantNumeric: 'tabular-nums',
      textAlign: 'right',
    }),
    method: css({
      color: theme.colors.text.secondary,
      fontSize: s.small,
      marginRight: s.gap / 2,
    }),
    threshold: css({
      color: theme.colors.text.secondary,
    }),
    pValue: css({
      whiteSpace: 'nowrap',
      fontVariantNumeric: 'tabular-nums',
      color: theme.colors.text.secondary,
      textAlign: 'right',
      minWidth: s.font * 4,
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
    tooltip: css({
      display: 'flex',
      flexDirection: 'column',
      gap: theme.spacing.gridSize / 2,
      fontSize: s.small,
      maxWidth: lecture ? 720 : 360,
    }),
    tooltipTitle: css({
      fontWeight: theme.typography.fontWeightMedium,
      fontSize: s.font,
    }),
    tooltipMuted: css({
      color: theme.colors.text.secondary,
    }),
  };
};
