import { TimelineModel } from '../../viewmodel';
import { Sizes } from '../sizes';

/** Where the timeline's parts go, in pixels of the panel. */
export interface TimelineLayout {
  headerHeight: number;
  plotTop: number;
  plotLeft: number;
  plotWidth: number;
  plotHeight: number;
  rowHeight: number;
  /** Row labels are left out when rows are too thin to read them; the plot takes their room. */
  showLabels: boolean;
  labelWidth: number;
  /** The x of a time, relative to the plot. */
  xOf: (t: number) => number;
}

export function timelineLayout(
  model: TimelineModel,
  labels: string[],
  width: number,
  height: number,
  s: Sizes
): TimelineLayout {
  const headerHeight = Math.ceil(s.title * 1.6);
  const axisHeight = Math.ceil(s.small * 2.2);
  const plotHeight = Math.max(0, height - headerHeight - axisHeight);
  const rowHeight = model.rows.length > 0 ? plotHeight / model.rows.length : 0;
  const showLabels = rowHeight >= s.small * 1.05;
  const longest = Math.max(0, ...labels.map((l) => l.length));
  const labelWidth = showLabels
    ? Math.min(Math.round(width * 0.35), Math.ceil(longest * s.small * 0.6) + s.gap * 2)
    : 0;
  // Room on the right for the last time label, centred on the range's end.
  const plotWidth = Math.max(0, width - labelWidth - s.small * 2.5);
  const range = model.to - model.from;
  return {
    headerHeight,
    plotTop: headerHeight,
    plotLeft: labelWidth,
    plotWidth,
    plotHeight,
    rowHeight,
    showLabels,
    labelWidth,
    xOf: (t: number) => ((t - model.from) / range) * plotWidth,
  };
}
