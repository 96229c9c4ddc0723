import { EARLIEST_EVENT_TIME_MS, isEventTime, LATEST_EVENT_TIME_MS } from './event-time';

describe('isEventTime', () => {
  it('accepts epoch milliseconds from 2000-01-01 up to, not including, 2200-01-01', () => {
    expect(new Date(EARLIEST_EVENT_TIME_MS).toISOString()).toBe('2000-01-01T00:00:00.000Z');
    expect(new Date(LATEST_EVENT_TIME_MS).toISOString()).toBe('2200-01-01T00:00:00.000Z');
    for (const ok of [EARLIEST_EVENT_TIME_MS, Date.UTC(2026, 0, 5), LATEST_EVENT_TIME_MS - 1])
      expect([ok, isEventTime(ok)]).toEqual([ok, true]);
  });

  it('refuses what is not a plausible time: too early, too late, non-finite, not a number', () => {
    // 1.7e9 is seconds, not milliseconds: 1970.
    for (const bad of [EARLIEST_EVENT_TIME_MS - 1, LATEST_EVENT_TIME_MS, 1e20, 1.7e9, -1, NaN, Infinity])
      expect([bad, isEventTime(bad)]).toEqual([bad, false]);
    for (const bad of ['1767571200000', null, undefined, {}]) expect(isEventTime(bad)).toBe(false);
  });
});
