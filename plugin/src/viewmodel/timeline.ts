import { DataFrame, FieldType } from '@grafana/data';

import { METHODS, SEVERITY_CAP } from '../constants';
import { MethodChoice, ColorBy } from '../types';
import { DriftData, ScoreSeries } from './frames';
import { scoresByFeature } from './ranking';
import { scoreProblem, severity } from './severity';

export interface TimelineRow {
  key: string;
  model: string;
  feature: string;
}

export interface TimelineModel {
  rows: TimelineRow[];
  series: ScoreSeries[][];
  from: number;
  to: number;
  columns: number;
  /** Duration of one column in ms; columns start at `from`. */
  cellMs: number;
  /** Colour value per cell (severity or raw score), row-major; NaN where no data. */
  values: Float64Array;
  /** Severity per cell, which picks the method shown when several compete. */
  severities: Float64Array;
  minValue: number;
  maxValue: number;
  /** True when every series has at most one point (an instant query). */
  instant: boolean;
}

export interface TimelineOptions {
  method: MethodChoice;
  colorBy: ColorBy;
  from: number;
  to: number;
  /** How many columns fit in the plot (about 2 px each). */
  maxColumns: number;
}

/** The typical spacing of a series' points (the query's step), from its median gap. */
export function estimateStep(series: ScoreSeries[]): number | undefined {
  let longest: ScoreSeries | undefined;
  for (const s of series) {
    if (!longest || s.times.length > longest.times.length) {
      longest = s;
    }
  }
  if (!longest || longest.times.length < 2) {
    return undefined;
  }
  const gaps: number[] = [];
  const t = longest.times;
  for (let i = 1; i < t.length && gaps.length < 512; i++) {
    const gap = t[i] - t[i - 1];
    if (gap > 0 && Number.isFinite(gap)) {
      gaps.push(gap);
    }
  }
  if (gaps.length === 0) {
    return undefined;
  }
  gaps.sort((a, b) => a - b);
  return gaps[Math.floor(gaps.length / 2)];
}

/**
 * Features × time cells. A column spans a whole number of query steps, so every column holds at
 * least one point of a continuous series (no aliasing stripes); a cell keeps the most severe score
 * in it, because the timeline is for finding when drift started.
 */
export function buildTimeline(data: DriftData, rows: TimelineRow[], options: TimelineOptions): TimelineModel {
  const byFeature = scoresByFeature(data, options.method);
  const rowSeries = rows.map((r) => byFeature.get(r.key) ?? []);
  const { from, to } = timelineRange(data, options);
  const all = rowSeries.flat();
  const instant = all.every((s) => s.times.length <= 1);
  const { cellMs, columns } = timelineColumns(all, to - from, options.maxColumns, instant);
  const grid = { from, to, columns, cellMs, scoreColor: options.colorBy === 'score' };
  const cells = emptyCells(rows.length * columns);
  for (let r = 0; r < rows.length; r++) {
    for (const s of rowSeries[r]) {
      fillCells(cells, r * columns, s, grid);
    }
  }
  return {
    rows,
    series: rowSeries,
    from,
    to,
    columns,
    cellMs,
    values: cells.values,
    severities: cells.severities,
    minValue: Number.isFinite(cells.minValue) ? cells.minValue : 0,
    maxValue: Number.isFinite(cells.maxValue) ? cells.maxValue : 1,
    instant,
  };
}

/** The dashboard's range, or the data's own when the dashboard's is empty or unusable. */
function timelineRange(data: DriftData, options: TimelineOptions): { from: number; to: number } {
  let { from, to } = options;
  if (!(to > from)) {
    from = data.timeExtent?.from ?? 0;
    to = data.timeExtent?.to ?? from + 1;
    if (!(to > from)) {
      to = from + 1;
    }
  }
  return { from, to };
}

function timelineColumns(
  all: ScoreSeries[],
  range: number,
  maxColumns: number,
  instant: boolean
): { cellMs: number; columns: number } {
  const budget = Math.max(1, Math.floor(maxColumns));
  const step = estimateStep(all);
  if (step === undefined || instant) {
    return { cellMs: range, columns: 1 };
  }
  // N points a step apart span N - 1 steps: a range's last point (at `to`) needs a column too.
  const merge = Math.max(1, Math.ceil((range / step + 1) / budget));
  const cellMs = step * merge;
  return { cellMs, columns: Math.max(1, Math.min(budget, Math.floor(range / cellMs) + 1)) };
}

interface Cells {
  values: Float64Array;
  severities: Float64Array;
  minValue: number;
  maxValue: number;
}

interface Grid {
  from: number;
  to: number;
  columns: number;
  cellMs: number;
  scoreColor: boolean;
}

function emptyCells(size: number): Cells {
  return {
    values: new Float64Array(size).fill(NaN),
    severities: new Float64Array(size).fill(-1),
    minValue: Infinity,
    maxValue: -Infinity,
  };
}

/** Puts one series' points into its row's cells (starting at `base`), keeping the most severe. */
function fillCells(cells: Cells, base: number, series: ScoreSeries, grid: Grid): void {
  const { times, values: scores, method, threshold } = series;
  const { from, to, columns, scoreColor } = grid;
  const { values, severities } = cells;
  const perCell = 1 / grid.cellMs;
  // severity() and scoreProblem() inlined: this loop sees every point (100 × 1,000 in the bench).
  const pValue = METHODS[method].kind === 'p-value';
  const divisor = pValue ? Math.log(threshold) : threshold;
  for (let i = 0; i < times.length; i++) {
    const t = times[i];
    const v = scores[i];
    if (!(t >= from && t <= to) || !(v >= 0) || v === Infinity || (pValue && v > 1)) {
      continue; // outside the range, NaN, negative, infinite or not a p-value
    }
    let c = Math.floor((t - from) * perCell);
    if (c >= columns) {
      c = columns - 1;
    }
    let sev = pValue ? (v === 0 ? SEVERITY_CAP : Math.log(v) / divisor) : v / divisor;
    sev = sev > 0 ? (sev > SEVERITY_CAP ? SEVERITY_CAP : sev) : 0;
    const idx = base + c;
    if (sev > severities[idx]) {
      severities[idx] = sev;
      const value = scoreColor ? v : sev;
      values[idx] = value;
      if (value < cells.minValue) {
        cells.minValue = value;
      }
      if (value > cells.maxValue) {
        cells.maxValue = value;
      }
    }
  }
}

/** The point behind a cell, for the tooltip: the most severe score in the cell's time span. */
export function cellDetail(model: TimelineModel, row: number, column: number) {
  const start = model.from + column * model.cellMs;
  const end = Math.min(model.to, start + model.cellMs);
  let best: { method: string; score: number; threshold: string; time: number; severity: number } | undefined;
  for (const s of model.series[row] ?? []) {
    for (let i = lowerBound(s.times, start); i < s.times.length && s.times[i] <= end; i++) {
      const v = s.values[i];
      if (scoreProblem(s.method, v) !== undefined) {
        continue;
      }
      const sev = severity(s.method, v, s.threshold);
      if (!best || sev > best.severity) {
        best = { method: s.method, score: v, threshold: s.thresholdLabel, time: s.times[i], severity: sev };
      }
    }
  }
  return best ? { ...best, start, end } : undefined;
}

function lowerBound(times: number[], t: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (times[mid] < t) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
}

export interface TimelineAnnotation {
  time: number;
  timeEnd?: number;
  title: string;
  text: string;
  /** A colour name or CSS colour from the annotation query; resolved through the theme. */
  color?: string;
}

/** The dashboard's annotations (incidents, alerts) that fall in the range, from PanelData.annotations. */
export function readAnnotations(frames: DataFrame[] | undefined, from: number, to: number): TimelineAnnotation[] {
  const out: TimelineAnnotation[] = [];
  for (const frame of Array.isArray(frames) ? frames : []) {
    const fields = Array.isArray(frame?.fields) ? frame.fields : [];
    const byName = (name: string) => fields.find((f) => f?.name === name);
    const time = byName('time') ?? fields.find((f) => f?.type === FieldType.time);
    if (!time || !time.values) {
      continue;
    }
    const timeEnd = byName('timeEnd');
    const title = byName('title');
    const text = byName('text');
    const color = byName('color');
    const isRegion = byName('isRegion');
    for (let i = 0; i < time.values.length; i++) {
      const t = Number(time.values[i]);
      if (!Number.isFinite(t)) {
        continue;
      }
      const endRaw = timeEnd ? Number(timeEnd.values[i]) : NaN;
      const region = isRegion ? Boolean(isRegion.values[i]) : endRaw > t;
      const end = region && Number.isFinite(endRaw) && endRaw > t ? endRaw : undefined;
      if ((end ?? t) < from || t > to) {
        continue;
      }
      out.push({
        time: t,
        timeEnd: end,
        title: title?.values[i] ? String(title.values[i]) : '',
        text: stripHtml(text?.values[i] ? String(text.values[i]) : ''),
        color: color?.values[i] ? String(color.values[i]) : undefined,
      });
    }
  }
  return out.sort((a, b) => a.time - b.time);
}

/** Annotation text may hold HTML (alert annotations do); the tooltip shows plain text. */
function stripHtml(text: string): string {
  return text
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
