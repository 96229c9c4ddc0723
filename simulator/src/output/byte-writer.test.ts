import { Rng } from '../random/rng';
import { ByteWriter } from './byte-writer';

/** ByteWriter#isoTime as a string. */
class IsoTimeFormatter {
  private readonly writer = new ByteWriter(64);
  format(t: number): string {
    this.writer.length = 0;
    this.writer.reserve(24);
    this.writer.isoTime(t);
    return this.writer.buffer.toString('latin1', 0, this.writer.length);
  }
}

const reference = (t: number) => new Date(t).toISOString();

describe('ByteWriter#isoTime', () => {
  it('matches Date#toISOString on increasing times with fractional milliseconds', () => {
    const rng = Rng.root('iso-increasing');
    const formatter = new IsoTimeFormatter();
    // Gaps from microseconds to hours, so runs stay within one second and cross many boundaries
    // (seconds, minutes, days, months, a leap day, years).
    let t = Date.UTC(2023, 11, 31, 23, 59, 58) + 0.5;
    for (let i = 0; i < 200_000; i++) {
      const gap = 10 ** rng.uniform(-3, 7);
      t += gap;
      const got = formatter.format(t);
      if (got !== reference(t)) expect([t, got]).toEqual([t, reference(t)]);
    }
    expect(t).toBeGreaterThan(Date.UTC(2024, 2, 1));
  });

  it('matches on random times in any order from 1970 to 9999', () => {
    const rng = Rng.root('iso-random');
    const formatter = new IsoTimeFormatter();
    const max = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
    for (let i = 0; i < 50_000; i++) {
      const t = rng.next() < 0.5 ? rng.uniform(0, max) : Math.floor(rng.uniform(0, max));
      const got = formatter.format(t);
      if (got !== reference(t)) expect([t, got]).toEqual([t, reference(t)]);
    }
  });

  it('truncates fractions and pads milliseconds at the edges of a second', () => {
    const formatter = new IsoTimeFormatter();
    const s = Date.UTC(2026, 0, 5, 8, 30, 15);
    const cases = [0, 0.000001, 0.4, 0.999999, 1, 9.99, 10, 99.5, 100, 999, 999.9999, 1000, 1000.5];
    for (const ms of cases) expect([ms, formatter.format(s + ms)]).toEqual([ms, reference(s + ms)]);
    // Going back in time re-computes the cached second.
    expect(formatter.format(s - 1)).toBe('2026-01-05T08:30:14.999Z');
    expect(formatter.format(0)).toBe('1970-01-01T00:00:00.000Z');
    expect(formatter.format(s + 7)).toBe('2026-01-05T08:30:15.007Z');
  });
});

describe('ByteWriter#number', () => {
  const write = (value: number, decimals: number) => {
    const writer = new ByteWriter(64);
    writer.reserve(24);
    writer.number(value, decimals);
    return writer.buffer.toString('latin1', 0, writer.length);
  };

  it('writes values rounded to their decimals exactly as JSON.stringify does', () => {
    const rng = Rng.root('decimals');
    for (let i = 0; i < 100_000; i++) {
      const decimals = rng.int(7);
      const magnitude = 10 ** rng.uniform(-4, 8.9);
      const k = 10 ** decimals;
      const value = (Math.round((rng.next() < 0.2 ? -1 : 1) * magnitude * k) / k) as number;
      const got = write(value, decimals);
      if (got !== JSON.stringify(value))
        expect([value, decimals, got]).toEqual([value, decimals, JSON.stringify(value)]);
    }
  });

  it.each([
    [0, 0],
    [-0, 3],
    [7, 3],
    [2147483647, 0],
    [2147483648, 0],
    [9_007_199_254_740_991, 0],
    [-123456789012, 0],
    [0.1 + 0.2, 1], // not rounded to 1 decimal: falls back to String
    [1e21, 2],
    [1.5e-7, 3],
    [123.456, 0], // more decimals than declared
    [0.000001, 6],
  ])('writes %p (declared %p decimals) like JSON.stringify', (value, decimals) => {
    expect(write(value, decimals)).toBe(JSON.stringify(value));
  });
});
