import { css } from '@emotion/css';
import { GrafanaTheme2 } from '@grafana/data';

import { getSizes } from '../sizes';

export const getStyles = (theme: GrafanaTheme2, lecture: boolean) => {
  const s = getSizes(theme, lecture);
  return {
    wrapper: css({
      position: 'relative',
      color: theme.colors.text.primary,
      fontSize: s.font,
      overflow: 'hidden',
    }),
    header: css({
      display: 'flex',
      alignItems: 'baseline',
      justifyContent: 'space-between',
      gap: s.gap * 2,
      whiteSpace: 'nowrap',
      overflow: 'hidden',
    }),
    title: css({
      fontSize: s.title,
      fontWeight: theme.typography.fontWeightMedium,
      overflow: 'hidden',
      textOverflow: 'ellipsis',
    }),
    legend: css({
      display: 'flex',
      gap: s.gap * 1.5,
      fontSize: s.small,
      color: theme.colors.text.secondary,
      flexShrink: 0,
    }),
    legendItem: css({
      display: 'inline-flex',
      alignItems: 'center',
      gap: s.gap / 2,
    }),
    swatch: css({
      display: 'inline-block',
      width: s.small,
      height: s.small * 0.8,
      borderRadius: theme.shape.radius.default,
    }),
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
    plot: css({
      position: 'absolute',
      background: theme.colors.background.secondary,
      cursor: 'crosshair',
    }),
    canvas: css({
      position: 'absolute',
      left: 0,
      top: 0,
    }),
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
    axis: css({
      position: 'absolute',
      fontSize: s.small,
      color: theme.colors.text.secondary,
    }),
    tick: css({
      position: 'absolute',
      transform: 'translateX(-50%)',
      whiteSpace: 'nowrap',
      '&::before': {
        content: '""',
        position: 'absolute',
        left: '50%',
        top: -theme.spacing.gridSize / 2,
        height: theme.spacing.gridSize / 2,
        borderLeft: `1px solid ${theme.colors.border.strong}`,
      },
    }),
    card: css({
      position: 'absolute',
      zIndex: 2,
      pointerEvents: 'none',
      background: theme.components.tooltip.background,
      color: theme.components.tooltip.text,
      boxShadow: theme.shadows.z2,
      borderRadius: theme.shape.radius.default,
      padding: theme.spacing(0.75, 1),
      fontSize: s.small,
      fontVariantNumeric: 'tabular-nums',
      whiteSpace: 'nowrap',
    }),
    cardTitle: css({
      fontWeight: theme.typography.fontWeightMedium,
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
    note: css({
      position: 'absolute',
      right: 0,
      fontSize: s.small,
      color: theme.colors.text.secondary,
    }),
  };
};
