import { Rng } from '../random/rng';
import { IsoTimeFormatter } from './iso-time';

const reference = (t: number) => new Date(t).toISOString();

describe('IsoTimeFormatter', () => {
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
