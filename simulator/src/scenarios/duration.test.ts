import fc from 'fast-check';
import { formatDuration, MAX_DURATION_MS, parseDuration } from './duration';

const RUNS = { seed: 42, numRuns: 500 };
const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;
type Unit = keyof typeof UNIT_MS;

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
    ['365d', MAX_DURATION_MS],
  ])('parses %s', (text, ms) => expect(parseDuration(text)).toBe(ms));

  it.each(['', '6', 'h', '6 h', '-1h', '6x', '1h-2m', 'PT6H'])('rejects %p', (text) =>
    expect(parseDuration(text)).toBeUndefined(),
  );

  it.each(['366d', '365d1ms', '53w', '99999999999999d'])('rejects %p: longer than a year', (text) =>
    expect(parseDuration(text)).toBeUndefined(),
  );

  it('rejects a number so long it is Infinity', () => {
    expect(parseDuration(`${'9'.repeat(400)}ms`)).toBeUndefined();
  });

  it('formats back to the compact form', () => {
    expect(formatDuration(108_000_000)).toBe('1d6h');
    expect(formatDuration(90_250)).toBe('1m30s250ms');
    expect(formatDuration(0)).toBe('0s');
    expect(parseDuration(formatDuration(123_456_789))).toBe(123_456_789);
  });

  it('formats fractions of a millisecond as durations too', () => {
    expect(formatDuration(0.5)).toBe('0.5ms');
    expect(formatDuration(3_600_000.25)).toBe('1h0.25ms');
    expect(formatDuration(1e-7)).toBe('0s'); // below the microsecond, not "1e-7ms"
    expect(() => formatDuration(Infinity)).toThrow(RangeError);
    expect(() => formatDuration(NaN)).toThrow(RangeError);
  });
});

describe('durations, properties', () => {
  const part = fc.record({
    whole: fc.integer({ min: 0, max: 999 }),
    fraction: fc.option(fc.integer({ min: 0, max: 99 }), { nil: undefined }),
    unit: fc.constantFrom<Unit>('ms', 's', 'm', 'h', 'd', 'w'),
  });

  it('parses valid parts to the sum computed by hand (or undefined beyond the bound)', () => {
    fc.assert(
      fc.property(fc.array(part, { minLength: 1, maxLength: 5 }), (parts) => {
        const text = parts
          .map((p) => `${p.whole}${p.fraction === undefined ? '' : `.${p.fraction}`}${p.unit}`)
          .join('');
        const sum = parts.reduce(
          (total, p) => total + Number(`${p.whole}.${p.fraction ?? 0}`) * UNIT_MS[p.unit],
          0,
        );
        expect(parseDuration(text)).toBe(sum <= MAX_DURATION_MS ? sum : undefined);
      }),
      RUNS,
    );
  });

  it('reads back what formatDuration writes, for whole milliseconds', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_DURATION_MS }), (ms) => {
        const text = formatDuration(ms);
        expect(parseDuration(text)).toBe(ms);
        expect(formatDuration(parseDuration(text)!)).toBe(text);
      }),
      RUNS,
    );
  });

  it('never throws on any string, and gives undefined or a duration from 0 to the bound', () => {
    const durationish = fc.string({
      unit: fc.constantFrom('0', '1', '9', '.', 'm', 's', 'h', 'd', 'w', 'e', '-', ' ', 'x'),
      maxLength: 30,
    });
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), durationish), (text) => {
        const ms = parseDuration(text);
        if (ms !== undefined) {
          expect(Number.isFinite(ms)).toBe(true);
          expect(ms).toBeGreaterThanOrEqual(0);
          expect(ms).toBeLessThanOrEqual(MAX_DURATION_MS);
        }
      }),
      { ...RUNS, numRuns: 2000 },
    );
  });
});
