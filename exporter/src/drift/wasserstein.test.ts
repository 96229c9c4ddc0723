import { sortSample } from './sample';
import { expectRelativelyClose, fixture, generate } from './testing';
import { normedWasserstein, SD_FLOOR, wassersteinDistance } from './wasserstein';

describe('wassersteinDistance against scipy.stats.wasserstein_distance (fixtures)', () => {
  it.each(fixture.wasserstein.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const reference = generate(c.reference);
    expectRelativelyClose(wassersteinDistance(reference, generate(c.current)), c.distance, 1e-9);
  });
});

describe('wassersteinDistance by hand', () => {
  it('is the shift between two translated samples', () => {
    expect(wassersteinDistance([0, 1, 3], [5, 6, 8])).toBe(5);
  });

  it('is the area between the ECDFs', () => {
    // [0, 1] vs [0.5]: |1/2 − 0| over (0, 0.5) plus |1/2 − 1| over (0.5, 1) = 0.25 + 0.25.
    expect(wassersteinDistance([0, 1], [0.5])).toBe(0.5);
    // Ties: [1, 1, 2] vs [1, 2, 2]: |2/3 − 1/3| over (1, 2) = 1/3.
    expect(wassersteinDistance([1, 1, 2], [1, 2, 2])).toBeCloseTo(1 / 3, 15);
    expect(wassersteinDistance([4, 4], [4])).toBe(0);
  });

  it('takes a sorted reference and gives the same answer', () => {
    const reference = generate({ gen: 'normal', seed: 3, n: 5000 });
    const current = generate({ gen: 'normal', seed: 4, n: 3000, scale: 2 });
    expect(wassersteinDistance(sortSample(reference), current)).toBe(wassersteinDistance(reference, current));
  });

  it('is NaN for an empty sample', () => {
    expect(wassersteinDistance([1], [])).toBeNaN();
    expect(wassersteinDistance([NaN], [1])).toBeNaN();
  });
});

describe('normedWasserstein', () => {
  it('divides by the reference sd, floored at 0.001 as Evidently', () => {
    expect(normedWasserstein(0.5, 2)).toBe(0.25);
    expect(normedWasserstein(0.5, 0)).toBe(0.5 / SD_FLOOR);
    expect(SD_FLOOR).toBe(0.001);
  });

  it.each(fixture.wasserstein.map((c) => [c.name, c] as const))('%s: as W1 / max(np.std, 0.001)', (_n, c) => {
    expectRelativelyClose(normedWasserstein(c.distance, c.reference_sd), c.normed, 1e-14);
  });
});
