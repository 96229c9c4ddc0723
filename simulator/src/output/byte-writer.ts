const DAY_MS = 86_400_000;
const SCALE = [1, 10, 100, 1000, 10_000, 100_000, 1_000_000];
const ZERO = 48;

/**
 * Appends ASCII text, numbers and pre-encoded bytes to a growing Buffer. Formatting straight into
 * bytes avoids building, flattening and UTF-8-encoding a string per line, which is what makes
 * JSONL output several times faster than JSON.stringify.
 */
export class ByteWriter {
  buffer: Buffer;
  length = 0;
  // Two cached day prefixes (`YYYY-MM-DDT`): lines carry a request time and a label time, which
  // straddle midnight now and then. (A minute cache would miss on every label time.)
  private isoDay = NaN;
  private isoPrefix = Buffer.alloc(11);
  private otherDay = NaN;
  private otherPrefix = Buffer.alloc(11);

  constructor(capacity = 1 << 17) {
    this.buffer = Buffer.allocUnsafe(capacity);
  }

  /** Hands over what was written and starts a fresh buffer (the old one may still be queued). */
  take(): Buffer {
    const out = this.buffer.subarray(0, this.length);
    this.buffer = Buffer.allocUnsafe(this.buffer.length);
    this.length = 0;
    return out;
  }

  /** Makes room for `n` more bytes. */
  reserve(n: number): void {
    if (this.length + n <= this.buffer.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.length + n));
    this.buffer.copy(bigger, 0, 0, this.length);
    this.buffer = bigger;
  }

  /** Needs `b.length` bytes reserved. */
  bytes(b: Uint8Array): void {
    this.buffer.set(b, this.length);
    this.length += b.length;
  }

  /** Any string, UTF-8. */
  text(s: string): void {
    this.reserve(s.length * 3);
    this.length += this.buffer.write(s, this.length, 'utf8');
  }

  /** A non-negative whole number below 2^53. */
  private digits(n: number): void {
    const buf = this.buffer;
    if (n < 10) {
      buf[this.length++] = ZERO + n;
      return;
    }
    if (n < 2147483648) {
      // Int32 arithmetic is much cheaper than floating-point division.
      let width = 1;
      for (let p = 10; p <= n && width < 10; p *= 10) width++;
      let at = this.length + width;
      this.length = at;
      let k = n | 0;
      do {
        const q = (k / 10) | 0;
        buf[--at] = ZERO + (k - q * 10);
        k = q;
      } while (k > 0);
      return;
    }
    let width = 1;
    for (let p = 10; p <= n; p *= 10) width++;
    let at = this.length + width;
    this.length = at;
    do {
      const q = Math.floor(n / 10);
      buf[--at] = ZERO + (n - q * 10);
      n = q;
    } while (n > 0);
  }

  /**
   * A number exactly as JSON.stringify writes it. Values rounded to `decimals` places (as worlds
   * generate them) take an integer path: their shortest round-trip form is the decimal itself with
   * trailing zeros dropped. Anything else goes through String(). Needs 24 bytes reserved.
   */
  number(value: number, decimals: number): void {
    if (Number.isInteger(value) && Math.abs(value) < 9e15) {
      if (value < 0) this.buffer[this.length++] = 45; // '-'
      this.digits(value < 0 ? -value : value);
      return;
    }
    const scale = SCALE[decimals];
    const scaled = Math.round(value * scale);
    if (decimals === 0 || decimals >= SCALE.length || Math.abs(value) >= 1e9 || scaled / scale !== value) {
      this.text(String(value));
      return;
    }
    const abs = scaled < 0 ? -scaled : scaled;
    if (scaled < 0) this.buffer[this.length++] = 45;
    const whole = Math.floor(abs / scale);
    let fraction = abs - whole * scale;
    let places = decimals;
    while (fraction % 10 === 0) {
      fraction /= 10;
      places--;
    }
    this.digits(whole);
    const buf = this.buffer;
    buf[this.length++] = 46; // '.'
    let at = this.length + places;
    this.length = at;
    for (let i = 0; i < places; i++) {
      const q = Math.floor(fraction / 10);
      buf[--at] = ZERO + (fraction - q * 10);
      fraction = q;
    }
  }

  /** An ISO 8601 time, as Date#toISOString writes it (milliseconds truncated), 1970 to 9999. Needs 24 bytes reserved. */
  isoTime(time: number): void {
    const ms = Math.floor(time);
    const day = Math.floor(ms / DAY_MS);
    if (day !== this.isoDay) {
      const [lastDay, lastPrefix] = [this.isoDay, this.isoPrefix];
      if (day === this.otherDay) this.isoPrefix = this.otherPrefix;
      else this.isoPrefix = Buffer.from(new Date(day * DAY_MS).toISOString().slice(0, 11), 'latin1');
      this.isoDay = day;
      this.otherDay = lastDay;
      this.otherPrefix = lastPrefix;
    }
    const buf = this.buffer;
    buf.set(this.isoPrefix, this.length);
    let at = this.length + 11;
    // Milliseconds within a day fit in int32.
    let rest = (ms - day * DAY_MS) | 0;
    const h = (rest / 3_600_000) | 0;
    rest -= h * 3_600_000;
    const m = (rest / 60_000) | 0;
    rest -= m * 60_000;
    const s = (rest / 1000) | 0;
    const milli = rest - s * 1000;
    at = twoDigits(buf, at, h);
    buf[at++] = 58; // ':'
    at = twoDigits(buf, at, m);
    buf[at++] = 58;
    at = twoDigits(buf, at, s);
    buf[at++] = 46; // '.'
    const hundreds = (milli / 100) | 0;
    at = twoDigits(buf, at + 1, milli - hundreds * 100);
    buf[at - 3] = ZERO + hundreds;
    buf[at++] = 90; // 'Z'
    this.length = at;
  }
}

/** Writes 0..99 as two digits at `at`; returns the position after them. */
function twoDigits(buf: Buffer, at: number, n: number): number {
  const tens = (n / 10) | 0;
  buf[at] = ZERO + tens;
  buf[at + 1] = ZERO + (n - tens * 10);
  return at + 2;
}
