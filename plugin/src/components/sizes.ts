import { GrafanaTheme2 } from '@grafana/data';

/** Type and spacing for the two reading distances: a screen at arm's length, a projector across a room. */
export interface Sizes {
  font: number;
  small: number;
  title: number;
  rowHeight: number;
  barHeight: number;
  gap: number;
  pad: number;
}

export function getSizes(theme: GrafanaTheme2, lecture: boolean): Sizes {
  const base = theme.typography.fontSize;
  // 2× on a projector: 28 px text is about 2.6 % of a 1080-line screen, readable from the back.
  const scale = lecture ? 2 : 0.93;
  const font = Math.round(base * scale);
  return {
    font,
    small: Math.round(font * 0.82),
    title: Math.round(font * 1.15),
    rowHeight: Math.round(font * 2),
    barHeight: Math.round(font * (lecture ? 0.8 : 0.75)),
    gap: theme.spacing.gridSize * (lecture ? 2 : 1),
    pad: theme.spacing.gridSize * (lecture ? 2 : 1),
  };
}
