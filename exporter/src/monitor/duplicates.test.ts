import { DuplicateTracker, instanceHash } from './duplicates';

describe('duplicate instances', () => {
  it('counts an instance sent again with the same event time, over the window', () => {
    const tracker = new DuplicateTracker(4, 8);
    expect(tracker.share).toBeNaN();
    expect(tracker.observe(1000, [1, 2, NaN])).toBe(false);
    expect(tracker.observe(1000, [1, 2, NaN])).toBe(true); // a retry
    expect(tracker.observe(1001, [1, 2, NaN])).toBe(false); // the same values later: a new request
    expect(tracker.observe(1000, [1, 2, 3])).toBe(false); // other values
    expect(tracker.share).toBe(1 / 4);
    // The repeat leaves the window of 4.
    for (let t = 0; t < 4; t++) tracker.observe(2000 + t, [t]);
    expect(tracker.share).toBe(0);
  });

  it('forgets instances beyond its memory', () => {
    const tracker = new DuplicateTracker(100, 3);
    tracker.observe(1, [1]);
    tracker.observe(2, [2]);
    tracker.observe(3, [3]);
    tracker.observe(4, [4]); // forgets (1, [1])
    expect(tracker.observe(1, [1])).toBe(false);
    expect(tracker.observe(4, [4])).toBe(true);
  });

  it('tells apart 100,000 distinct instances (no hash collision) and is exact on repeats', () => {
    const tracker = new DuplicateTracker(200_000);
    const seen = new Set<number>();
    for (let i = 0; i < 100_000; i++) seen.add(instanceHash(1_700_000_000_000 + i, [i % 7, i % 3, -i]));
    expect(seen.size).toBe(100_000);
    let repeats = 0;
    for (let i = 0; i < 10_000; i++) {
      if (tracker.observe(i, [i % 5])) repeats++;
      if (i % 10 === 0 && tracker.observe(i, [i % 5])) repeats++;
    }
    expect(repeats).toBe(1000);
    expect(tracker.share).toBeCloseTo(1000 / 11_000, 12);
  });
});
