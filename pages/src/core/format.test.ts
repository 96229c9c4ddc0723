import {
  formatDuration,
  formatRelative,
  formatScore,
  localInputToIso,
  minutesAgo,
  toLocalInput,
} from './format';

describe('formatDuration', () => {
  it.each([
    [0, '0 s'],
    [44.6, '45 s'],
    [60, '1 min'],
    [270, '4 min 30 s'],
    [3600, '1 h'],
    [7500, '2 h 5 min'],
    [-3, '0 s'],
  ])('%p s is %p', (seconds, text) => expect(formatDuration(seconds)).toBe(text));

  it('says "–" for an unknown duration', () => {
    for (const v of [null, undefined, NaN, Infinity]) expect(formatDuration(v)).toBe('–');
  });
});

describe('formatScore', () => {
  it('rounds to a whole point and keeps back what is withheld', () => {
    expect(formatScore(72.5)).toBe('73');
    expect(formatScore(0)).toBe('0');
    expect(formatScore(null)).toBe('–');
  });
});

describe('formatRelative', () => {
  const now = Date.parse('2026-12-07T10:00:00Z');
  it.each([
    ['2026-12-07T09:59:45Z', 'just now'],
    ['2026-12-07T09:57:00Z', '3 min ago'],
    ['2026-12-07T09:56:30Z', '3 min ago'],
    ['2026-12-07T08:00:00Z', '2 h ago'],
    ['2026-12-07T10:05:00Z', 'in 5 min'],
    ['not a time', '–'],
  ])('%s is %p', (iso, text) => expect(formatRelative(iso, now)).toBe(text));
});

describe('the onset pickers', () => {
  it('turn "minutes ago" into the ISO time that many minutes before now', () => {
    const now = Date.parse('2026-12-07T10:00:00Z');
    expect(minutesAgo(15, now)).toBe('2026-12-07T09:45:00.000Z');
    expect(minutesAgo(0, now)).toBe('2026-12-07T10:00:00.000Z');
  });

  it('read a datetime-local value in the local zone and refuse anything else', () => {
    const at = Date.parse('2026-12-07T10:42:00Z');
    expect(localInputToIso(toLocalInput(at))).toBe(new Date(at).toISOString());
    for (const bad of ['', '10:42', '2026-12-07', '2026-13-40T10:00', 'yesterday'])
      expect(localInputToIso(bad)).toBeNull();
  });
});
