import { InvalidArgumentError } from 'commander';
import {
  DURATION_PATTERN,
  MAX_DURATION_DAYS,
  OUTPUT_FORMATS,
  parseDuration,
  worldNames,
  type OutputFormat,
} from '@driftlab/simulator';

/** Option parsers: a bad flag is a usage error (exit 2) that says what was expected. */
export function positiveInteger(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1 || !Number.isSafeInteger(Number(value)))
    throw new InvalidArgumentError('expected a positive whole number, such as 1000.');
  return Number(value);
}

export function seedNumber(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) > 4294967295)
    throw new InvalidArgumentError('expected a whole number from 0 to 4294967295.');
  return Number(value);
}

export function speedFactor(value: string): number {
  const n = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value) || !(n > 0))
    throw new InvalidArgumentError('expected a positive number, such as 60.');
  return n;
}

export function worldName(value: string): string {
  if (!worldNames().includes(value))
    throw new InvalidArgumentError(`expected one of: ${worldNames().join(', ')}.`);
  return value;
}

export function outputFormat(value: string): OutputFormat {
  return oneOf(OUTPUT_FORMATS)(value);
}

export function isoTime(value: string): number {
  const t = Date.parse(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(t))
    throw new InvalidArgumentError('expected an ISO 8601 time, such as 2026-01-05T00:00:00Z.');
  return t;
}

export function duration(value: string): number {
  const ms = parseDuration(value);
  // A duration in form, beyond the year a lab's simulated time may span (scenarios' bound too).
  if (ms === undefined && DURATION.test(value))
    throw new InvalidArgumentError(`expected a duration of at most ${MAX_DURATION_DAYS} days.`);
  if (ms === undefined || ms <= 0)
    throw new InvalidArgumentError('expected a duration such as 90s, 15m, 6h or 2d.');
  return ms;
}

const DURATION = new RegExp(DURATION_PATTERN);

/** A parser that accepts one of `values`. */
export function oneOf<T extends string>(values: readonly T[]): (value: string) => T {
  return (value) => {
    if (!(values as readonly string[]).includes(value))
      throw new InvalidArgumentError(`expected one of: ${values.join(', ')}.`);
    return value as T;
  };
}

export function portNumber(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) > 65535)
    throw new InvalidArgumentError('expected a port number from 0 to 65535 (0: any free port).');
  return Number(value);
}
