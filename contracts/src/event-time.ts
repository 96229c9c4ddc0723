// The event times anything accepts from outside (the exporter's ingest API, serving's
// X-Event-Time): epoch milliseconds, simulated time in a fast-forwarded lab. One bound for every
// component, so a time one accepts is never one another refuses. A time outside it is a client's
// mistake (seconds for milliseconds, a sentinel, 1e20): taken in, it would move every time window
// and the label-coverage band to a moment no other event reaches.

/** 2000-01-01T00:00:00Z: the earliest event time accepted (inclusive). */
export const EARLIEST_EVENT_TIME_MS = Date.UTC(2000, 0, 1);

/** 2200-01-01T00:00:00Z: event times must be before it. */
export const LATEST_EVENT_TIME_MS = Date.UTC(2200, 0, 1);

/** What an event time must be, for error messages ("expected …"). */
export const EVENT_TIME_EXPECTED = 'epoch milliseconds from 2000-01-01 (inclusive) to 2200-01-01 UTC';

/** Whether `ms` is an event time anything accepts: a finite number in the range above. */
export function isEventTime(ms: unknown): ms is number {
  return (
    typeof ms === 'number' && Number.isFinite(ms) && ms >= EARLIEST_EVENT_TIME_MS && ms < LATEST_EVENT_TIME_MS
  );
}
