/*
 * What a sliding window holds: the last N events (count) or the events of the last T seconds of
 * event time (time), the latter with a hard capacity so memory stays bounded whatever the traffic.
 */

export interface CountWindowSpec {
  readonly kind: 'count';
  /** Events held: the newest `size`. */
  readonly size: number;
}

export interface TimeWindowSpec {
  readonly kind: 'time';
  /** Events whose time lies in (newest − spanSeconds, newest] (or the time passed to `advance`). */
  readonly spanSeconds: number;
  /** Most events held; past it the oldest are dropped and counted (`droppedAtCapacity`). */
  readonly capacity: number;
}

export type WindowSpec = CountWindowSpec | TimeWindowSpec;

/** The windows every model version gets unless the caller says otherwise. */
export const DEFAULT_WINDOWS: readonly WindowSpec[] = [
  { kind: 'count', size: 1_000 },
  { kind: 'count', size: 10_000 },
  { kind: 'time', spanSeconds: 3_600, capacity: 100_000 },
];

/** Slots a window of this spec allocates per column. */
export function windowCapacity(spec: WindowSpec): number {
  return spec.kind === 'count' ? spec.size : spec.capacity;
}

/** How long an event stays, in milliseconds; Infinity for a count window. */
export function windowSpanMs(spec: WindowSpec): number {
  return spec.kind === 'count' ? Infinity : spec.spanSeconds * 1000;
}

/**
 * A short, bounded name for metric labels and legends: `last_1000` for the last 1,000 events,
 * `last_3600s` for the last hour.
 */
export function windowName(spec: WindowSpec): string {
  return spec.kind === 'count' ? `last_${spec.size}` : `last_${spec.spanSeconds}s`;
}

/** Largest capacity accepted: 16 Mi slots is 128 MiB per Float64 column, already more than a lab needs. */
export const MAX_WINDOW_CAPACITY = 1 << 24;

/** Throws a RangeError naming the field and what was expected when `spec` is not a valid window. */
export function checkWindowSpec(spec: WindowSpec, field = 'window'): void {
  const kind = (spec as { kind?: unknown }).kind;
  if (kind === 'count') {
    checkCapacity((spec as CountWindowSpec).size, `${field}.size`);
  } else if (kind === 'time') {
    const s = (spec as TimeWindowSpec).spanSeconds;
    if (typeof s !== 'number' || !Number.isFinite(s) || s <= 0)
      throw new RangeError(`${field}.spanSeconds: expected a positive number of seconds, got ${String(s)}`);
    checkCapacity((spec as TimeWindowSpec).capacity, `${field}.capacity`);
  } else {
    throw new RangeError(`${field}.kind: expected 'count' or 'time', got ${JSON.stringify(kind)}`);
  }
}

function checkCapacity(n: unknown, field: string): void {
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > MAX_WINDOW_CAPACITY)
    throw new RangeError(`${field}: expected an integer from 1 to ${MAX_WINDOW_CAPACITY}, got ${String(n)}`);
}
