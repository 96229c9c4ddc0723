/** A numeric bin label as the exporter writes it: "(-inf, 12.5]", "(12.5, 20.1]", "(88, +inf)". */
export interface Interval {
  lower: number;
  upper: number;
  lowerClosed: boolean;
  upperClosed: boolean;
}

const INTERVAL = /^\s*([([])\s*([^,\s]+)\s*,\s*([^,\s\])]+)\s*([)\]])\s*$/;

function parseBound(text: string): number {
  const t = text.toLowerCase();
  if (t === '-inf' || t === '-infinity' || t === '−inf') {
    return -Infinity;
  }
  if (t === 'inf' || t === '+inf' || t === 'infinity' || t === '+infinity') {
    return Infinity;
  }
  // Number('') is 0: an empty bound is not a number here.
  return t === '' ? NaN : Number(t);
}

export function parseInterval(label: string): Interval | undefined {
  const m = INTERVAL.exec(label);
  if (!m) {
    return undefined;
  }
  const lower = parseBound(m[2]);
  const upper = parseBound(m[3]);
  if (Number.isNaN(lower) || Number.isNaN(upper) || lower > upper) {
    return undefined;
  }
  return { lower, upper, lowerClosed: m[1] === '[', upperClosed: m[4] === ']' };
}

/** Short tick text for a bin edge: 48213.7 → "48.2k", so ten edges fit under a small chart. */
export function formatEdge(value: number): string {
  if (value === -Infinity) {
    return '−∞';
  }
  if (value === Infinity) {
    return '+∞';
  }
  const abs = Math.abs(value);
  const units: Array<[number, string]> = [
    [1e9, 'G'],
    [1e6, 'M'],
    [1e3, 'k'],
  ];
  for (const [size, suffix] of units) {
    if (abs >= size) {
      return `${trim(value / size)}${suffix}`;
    }
  }
  return trim(value);
}

function trim(v: number): string {
  const abs = Math.abs(v);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
  return String(Number(v.toFixed(digits)));
}
