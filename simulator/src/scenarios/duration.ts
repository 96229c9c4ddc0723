const UNIT_MS: Readonly<Record<string, number>> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

/**
 * The longest duration anything in the lab accepts: a year of simulated time. Beyond it a scenario
 * is a typo or an attack, and times such as `start + 1e300` stop being dates (they print as NaN).
 */
export const MAX_DURATION_DAYS = 365;
export const MAX_DURATION_MS = MAX_DURATION_DAYS * UNIT_MS.d;

/** The grammar scenario files use for durations: one or more `<number><unit>` parts, e.g. `1d6h`, `90s`, `1.5h`. */
export const DURATION_PATTERN = '^(?:\\d+(?:\\.\\d+)?(?:ms|s|m|h|d|w))+$';
const DURATION_RE = new RegExp(DURATION_PATTERN);
const PART_RE = /(\d+(?:\.\d+)?)(ms|s|m|h|d|w)/g;

/**
 * Milliseconds in a duration such as `1d6h` or `250ms`, or undefined when it does not parse or is
 * longer than MAX_DURATION_MS (which also rules out `1e400`-like parts that overflow to Infinity).
 */
export function parseDuration(text: string): number | undefined {
  if (typeof text !== 'string' || !DURATION_RE.test(text)) return undefined;
  let total = 0;
  for (const [, amount, unit] of text.matchAll(PART_RE)) total += Number(amount) * UNIT_MS[unit];
  return total <= MAX_DURATION_MS ? total : undefined;
}

/**
 * A compact human form of a duration in milliseconds (`1d6h`, `90s`, `250ms`) that parseDuration
 * reads back: exactly for whole milliseconds, to the microsecond for fractions of one.
 */
export function formatDuration(ms: number): string {
  // "Infinityd" or "0s" for NaN would be read back as something else, or not at all.
  if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`not a duration in milliseconds: ${ms}`);
  let rest = ms;
  let out = '';
  for (const unit of ['d', 'h', 'm', 's'] as const) {
    const size = UNIT_MS[unit];
    const n = Math.floor(rest / size);
    if (n > 0) {
      out += `${n}${unit}`;
      rest -= n * size;
    }
  }
  // Fixed-point, because String(1e-7) is "1e-7", which is not a duration.
  const millis = Number(rest.toFixed(6));
  if (millis > 0) out += `${millis}ms`;
  return out === '' ? '0s' : out;
}
