import { numericColumnDrift, sortSample, type ColumnTestOptions } from '../drift';
import { liveNumericDrift, NumericReference, type KsMemo } from './live-drift';
import { CategoryTally, SortedColumn, type RingState } from './sorted-column';

let seed = 1;
const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());

/** A ring as FeatureWindow keeps one: slots fill from 0, then wrap. */
class Ring implements RingState {
  readonly values: Float64Array;
  next = 0;
  filled = 0;
  pushed = 0;
  generation = 0;
  constructor(readonly size: number) {
    this.values = new Float64Array(size);
  }
  push(v: number): void {
    this.values[this.next] = v;
    this.next = (this.next + 1) % this.size;
    if (this.filled < this.size) this.filled++;
    this.pushed++;
  }
  clear(): void {
    this.next = 0;
    this.filled = 0;
    this.generation++;
  }
  held(): Float64Array {
    return this.values.slice(0, this.filled);
  }
}

describe('liveNumericDrift', () => {
  const draws: Record<string, () => number> = {
    continuous: () => normal(),
    shifted: () => normal() * 1.3 + 0.4,
    // Few distinct values: ties everywhere, tied decile edges, the other default test.
    discrete: () => Math.floor(random() * 4),
    coarse: () => Math.round(normal() * 4) / 4,
  };

  it.each(Object.keys(draws))('gives exactly what numericColumnDrift gives (%s)', (kind) => {
    seed = 42;
    const draw = draws[kind];
    for (const [n1, n2] of [
      [5000, 2000],
      [1000, 300],
      [7, 1],
      [1, 9],
      [20, 20],
    ]) {
      // The reference from the same draw (tied decile edges when discrete), but shifted ones from N(0, 1).
      const referenceDraw = kind === 'shifted' ? draws.continuous : draw;
      const reference = new NumericReference(sortSample(Float64Array.from({ length: n1 }, referenceDraw)));
      const current = sortSample(Float64Array.from({ length: n2 }, draw));
      const options: ColumnTestOptions[] = [{}, { method: 'ks' }, { method: 'psi', threshold: 0.2 }];
      const memo: KsMemo = { n: NaN, d: NaN, pValue: NaN };
      for (const o of options) {
        const expected = numericColumnDrift(reference.sample, current, o, 'asymptotic');
        expect(liveNumericDrift(reference, current, o)).toEqual(expected);
        // Twice with a memo: the second answer comes from it.
        expect(liveNumericDrift(reference, current, o, memo)).toEqual(expected);
        expect(liveNumericDrift(reference, current, o, memo)).toEqual(expected);
      }
    }
  });

  it('falls back to numericColumnDrift for an empty sample', () => {
    const reference = new NumericReference(sortSample([1, 2, 3]));
    const empty = sortSample([]);
    expect(liveNumericDrift(reference, empty, {})).toEqual(
      numericColumnDrift([1, 2, 3], [], {}, 'asymptotic'),
    );
    const none = new NumericReference(sortSample([]));
    expect(liveNumericDrift(none, sortSample([1]), {})).toEqual(
      numericColumnDrift([], [1], {}, 'asymptotic'),
    );
  });
});

describe('SortedColumn', () => {
  it('keeps the finite values of a ring sorted through few and many changes, wraps and clears', () => {
    seed = 5;
    const ring = new Ring(64);
    const column = new SortedColumn(64);
    const check = () => {
      column.sync(ring);
      const expected = sortSample(ring.held());
      expect(Array.from(column.values)).toEqual(Array.from(expected.values));
      expect(column.nonFinite).toBe(expected.dropped);
    };
    check();
    // Some values repeat, some are not finite.
    const value = () => {
      const u = random();
      return u < 0.05 ? NaN : u < 0.08 ? Infinity : u < 0.3 ? Math.floor(u * 20) : normal();
    };
    for (const batch of [1, 2, 3, 1, 30, 5, 8, 64, 100, 1, 4, 9, 0, 2]) {
      for (let k = 0; k < batch; k++) ring.push(value());
      check();
    }
    ring.clear();
    check();
    ring.push(3);
    ring.push(NaN);
    check();
    expect(column.sample(0)).toEqual({ kind: 'sorted-sample', values: Float64Array.of(3), dropped: 0 });
  });
});

describe('CategoryTally', () => {
  it('counts category indices of a ring, −1 (unseen) last, through few and many changes', () => {
    seed = 9;
    const ring = new Ring(40);
    const tally = new CategoryTally(40, 3);
    const expected = () => {
      const counts = [0, 0, 0, 0];
      for (const v of ring.held()) {
        if (v === -1) counts[3]++;
        else if (v >= 0 && v < 3) counts[v]++;
      }
      return counts;
    };
    for (const batch of [1, 5, 2, 40, 3, 1, 17, 0]) {
      for (let k = 0; k < batch; k++) ring.push([0, 1, 2, -1, NaN, 7][Math.floor(random() * 6)]);
      tally.sync(ring);
      expect(tally.counts()).toEqual(expected());
    }
  });
});
