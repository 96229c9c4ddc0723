import { css } from '@emotion/css';
import { GrafanaTheme2 } from '@grafana/data';

import { getSizes } from '../sizes';

export const getStyles = (theme: GrafanaTheme2, lecture: boolean) => {
  const s = getSizes(theme, lecture);
  return {
    wrapper: css({
      display: 'flex',
      flexDirection: 'column',
      minWidth: 0,
      color: theme.colors.text.primary,
      fontSize: s.font,
      position: 'relative',
    }),
    header: css({
      display: 'flex',
      flexWrap: 'wrap',
      alignItems: 'baseline',
      columnGap: s.gap * 2,
      rowGap: theme.spacing.gridSize / 2,
      overflow: 'hidden',
    }),
    title: css({
      fontSize: s.title,
      fontWeight: theme.typography.fontWeightMedium,
      whiteSpace: 'nowrap',
      overflow: 'hidden',
      textOverflow: 'ellipsis',
      maxWidth: '100%',
    }),
    verdict: css({
      display: 'inline-flex',
      alignItems: 'center',
      gap: s.gap / 2,
      fontSize: s.small,
      whiteSpace: 'nowrap',
    }),
    dot: css({
      display: 'inline-block',
      width: s.small * 0.8,
      height: s.small * 0.8,
      borderRadius: theme.shape.radius.circle,
    }),
    legend: css({
      display: 'flex',
      gap: s.gap * 1.5,
      fontSize: s.small,
      color: theme.colors.text.secondary,
      whiteSpace: 'nowrap',
    }),
    legendItem: css({
      display: 'inline-flex',
      alignItems: 'center',
      gap: s.gap / 2,
    }),
    swatchReference: css({
      display: 'inline-block',
      width: s.small * 1.2,
      height: s.small * 0.8,
      border: `${lecture ? 2 : 1}px solid ${theme.colors.text.secondary}`,
      background: theme.colors.action.hover,
    }),
    swatchCurrent: css({
      display: 'inline-block',
      width: s.small * 0.7,
      height: s.small * 0.8,
      background: theme.visualization.getColorByName('blue'),
    }),
    picker: css({
      marginTop: theme.spacing.gridSize,
      marginBottom: s.gap / 2,
      maxWidth: 420,
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
    tooltip: css({
      display: 'flex',
      flexDirection: 'column',
      gap: 2,
      fontSize: s.small,
      fontVariantNumeric: 'tabular-nums',
    }),
    tooltipTitle: css({
      fontWeight: theme.typography.fontWeightMedium,
    }),
  };
};
