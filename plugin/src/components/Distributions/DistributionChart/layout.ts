import { Distribution } from '../../../viewmodel';
import { Sizes } from '../../sizes';

/** Category labels longer than this are cut, so one long name does not squeeze the plot. */
export const MAX_CATEGORY_CHARS = 16;

/** Where the chart's parts go, in the svg's pixels. */
export interface ChartLayout {
  chartHeight: number;
  font: number;
  left: number;
  top: number;
  plotWidth: number;
  plotHeight: number;
  /** The width of one bin, both bars and its gap. */
  groupWidth: number;
  /** Category labels rotated because they do not fit under their bins. */
  rotate: boolean;
  /** Proportions with a grid line and a label. */
  ticks: number[];
  /** A numeric feature's bin edges are labelled every `edgeEvery`-th, so the labels do not overlap. */
  edgeEvery: number;
  /** The y of a proportion. */
  y: (p: number) => number;
}

export function chartLayout(distribution: Distribution, width: number, chartHeight: number, s: Sizes): ChartLayout {
  const font = s.small;
  const bins = distribution.bins;
  const categorical = distribution.kind === 'categorical';
  const left = Math.ceil(font * 3.4);
  const right = s.gap;
  const top = Math.ceil(font * 1.3);
  const plotWidth = Math.max(0, width - left - right);
  const groupWidth = bins.length > 0 ? plotWidth / bins.length : plotWidth;
  const longest = categorical ? Math.min(MAX_CATEGORY_CHARS, Math.max(...bins.map((b) => b.label.length))) : 0;
  const rotate = categorical && longest * font * 0.58 > groupWidth - 4;
  const bottom = Math.ceil(rotate ? longest * font * 0.58 * 0.6 + font * 1.6 : font * 2);
  const plotHeight = Math.max(0, chartHeight - top - bottom);
  const { top: yTop, step } = niceMax(distribution.max);
  const ticks: number[] = [];
  for (let v = 0; v <= yTop + 1e-9; v += step) {
    ticks.push(v);
  }
  const edgeEvery = Math.max(
    1,
    Math.ceil((Math.max(1, ...distribution.edges.map((e) => e.length)) * font * 0.6 + font) / Math.max(1, groupWidth))
  );
  const y = (p: number) => top + plotHeight - (Math.max(0, p) / yTop) * plotHeight;
  return { chartHeight, font, left, top, plotWidth, plotHeight, groupWidth, rotate, ticks, edgeEvery, y };
}

/** False when the plot would be too small to read. */
export function fitsChart({ plotHeight, plotWidth, font }: ChartLayout): boolean {
  return !(plotHeight < font * 2 || plotWidth < font * 4);
}

/** A round top for the y axis a little above the largest proportion, and a step that gives about five ticks. */
function niceMax(max: number): { top: number; step: number } {
  const target = Math.max(max * 1.08, 0.01);
  const steps = [0.01, 0.02, 0.05, 0.1, 0.2, 0.25];
  for (const step of steps) {
    if (target / step <= 5) {
      return { top: Math.ceil(target / step) * step, step };
    }
  }
  return { top: Math.ceil(target / 0.25) * 0.25, step: 0.25 };
}
