import { dateTimeFormat } from '@grafana/data';
import type { TimeZone } from '@grafana/schema';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const STEPS = [
  10 * SECOND,
  30 * SECOND,
  MINUTE,
  5 * MINUTE,
  10 * MINUTE,
  15 * MINUTE,
  30 * MINUTE,
  HOUR,
  3 * HOUR,
  6 * HOUR,
  12 * HOUR,
  DAY,
  2 * DAY,
  7 * DAY,
  30 * DAY,
];

export interface Tick {
  time: number;
  label: string;
}

/** Round-time ticks that fit `maxTicks` across the range, labelled in the dashboard's time zone. */
export function timeTicks(from: number, to: number, maxTicks: number, timeZone?: TimeZone): Tick[] {
  const range = to - from;
  if (!(range > 0) || maxTicks < 1) {
    return [];
  }
  const step = STEPS.find((s) => range / s <= maxTicks) ?? Math.ceil(range / maxTicks / DAY) * DAY;
  const format = step >= DAY ? 'MM-DD' : range > DAY ? 'MM-DD HH:mm' : step < MINUTE ? 'HH:mm:ss' : 'HH:mm';
  const ticks: Tick[] = [];
  for (let t = Math.ceil(from / step) * step; t <= to; t += step) {
    ticks.push({ time: t, label: dateTimeFormat(t, { format, timeZone }) });
  }
  return ticks;
}
