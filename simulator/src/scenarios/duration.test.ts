import { formatDuration, parseDuration } from './duration';

describe('durations', () => {
  it.each([
    ['90s', 90_000],
    ['15m', 900_000],
    ['6h', 21_600_000],
    ['2d', 172_800_000],
    ['1d6h', 108_000_000],
    ['1.5h', 5_400_000],
    ['250ms', 250],
    ['1w', 604_800_000],
  ])('parses %s', (text, ms) => expect(parseDuration(text)).toBe(ms));

  it.each(['', '6', 'h', '6 h', '-1h', '6x', '1h-2m', 'PT6H'])('rejects %p', (text) =>
    expect(parseDuration(text)).toBeUndefined(),
  );

  it('formats back to the compact form', () => {
    expect(formatDuration(108_000_000)).toBe('1d6h');
    expect(formatDuration(90_250)).toBe('1m30s250ms');
    expect(parseDuration(formatDuration(123_456_789))).toBe(123_456_789);
  });
});
