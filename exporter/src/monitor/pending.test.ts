import { DUPLICATE, PendingPredictions, UNKNOWN } from './pending';

const prediction = (t: number) => ({ version: 1, value: 1, score: 0.8, timeMs: t });
const add = (p: PendingPredictions, id: string, t: number) => p.add(id, 1, 1, 0.8, t);

describe('PendingPredictions', () => {
  it('joins a label to its prediction once; a second label is a duplicate, a stranger unknown', () => {
    const p = new PendingPredictions();
    add(p, 'a', 1);
    add(p, 'b', 2);
    expect(p.take('a')).toMatchObject(prediction(1));
    expect(p.take('a')).toBe('duplicate');
    expect(p.take('zzz')).toBe('unknown');
    expect(p.size).toBe(1);
  });

  it('gives up on the oldest waiting prediction beyond its capacity, and counts it', () => {
    const p = new PendingPredictions(3);
    for (let i = 0; i < 5; i++) add(p, `r${i}`, i);
    expect(p.size).toBe(3);
    expect(p.expired).toBe(2);
    expect(p.take('r0')).toBe('unknown');
    expect(p.take('r4')).toMatchObject(prediction(4));
  });

  it('forgets joined ids with their prediction: a late duplicate becomes unknown', () => {
    const p = new PendingPredictions(2);
    for (let i = 0; i < 3; i++) {
      add(p, `r${i}`, i);
      p.take(`r${i}`);
    }
    expect(p.take('r2')).toBe('duplicate');
    expect(p.take('r0')).toBe('unknown');
    // Joined ones never count as expired.
    expect(p.expired).toBe(0);
    expect(p.size).toBe(0);
    expect(() => new PendingPredictions(0)).toThrow(/capacity/);
  });

  it('keeps its count of waiting predictions right when an id comes twice', () => {
    const p = new PendingPredictions(10);
    add(p, 'a', 1);
    add(p, 'a', 2);
    expect(p.size).toBe(1);
    expect(p.take('a')).toMatchObject(prediction(2));
    expect(p.size).toBe(0);
  });
});

describe('PendingPredictions against a plain model of its rules', () => {
  /** The documented rules with a Map: what the typed-array table must do, label for label. */
  class Model {
    private readonly byId = new Map<string, { arrival: number; joined: boolean; t: number }>();
    private readonly ring: (string | undefined)[];
    private arrivals = 0;
    waiting = 0;
    expired = 0;
    constructor(readonly capacity: number) {
      this.ring = new Array<string | undefined>(capacity);
    }
    add(id: string, t: number): void {
      const slot = this.arrivals % this.capacity;
      const leaving = this.ring[slot];
      // The prediction leaving the last `capacity`, unless its id came again since.
      const entry = leaving === undefined ? undefined : this.byId.get(leaving);
      if (entry && entry.arrival === this.arrivals - this.capacity) {
        this.byId.delete(leaving!);
        if (!entry.joined) {
          this.expired++;
          this.waiting--;
        }
      }
      const previous = this.byId.get(id);
      if (previous && !previous.joined) this.waiting--;
      this.byId.set(id, { arrival: this.arrivals, joined: false, t });
      this.waiting++;
      this.ring[slot] = id;
      this.arrivals++;
    }
    take(id: string): number | 'unknown' | 'duplicate' {
      const entry = this.byId.get(id);
      if (!entry) return 'unknown';
      if (entry.joined) return 'duplicate';
      entry.joined = true;
      this.waiting--;
      return entry.t;
    }
  }

  it('agrees with it over a long random run: repeats, strangers, expiries, ids of every length', () => {
    let seed = 11;
    const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    // Ids from 1 to 200 characters (inline ones, and strings beyond 76), non-ASCII included.
    const idOf = (n: number) => {
      const base = `req-${n}-é`;
      const length = [0, 0, 0, 12, 38, 70, 150][n % 7];
      return length === 0 ? base : (base + 'x'.repeat(length)).slice(0, length + base.length);
    };
    for (const capacity of [1, 2, 7, 100]) {
      const p = new PendingPredictions(capacity);
      const model = new Model(capacity);
      let next = 0;
      for (let step = 0; step < 20_000; step++) {
        const u = random();
        if (u < 0.5) {
          // Mostly new ids, sometimes one seen lately again.
          const n =
            random() < 0.1 && next > 0
              ? next - 1 - Math.floor(random() * Math.min(next, 3 * capacity))
              : next++;
          add(p, idOf(n), step);
          model.add(idOf(n), step);
        } else {
          const n = Math.floor(random() * (next + 5));
          const got = p.take(idOf(n));
          const expected = model.take(idOf(n));
          expect(typeof got === 'string' ? got : got.timeMs).toBe(expected);
        }
        if (step % 97 === 0) expect([p.size, p.expired]).toEqual([model.waiting, model.expired]);
      }
      expect([p.size, p.expired]).toEqual([model.waiting, model.expired]);
    }
  });

  it('widens its records for longer ids without losing the ones it holds, and forgets everything on clear', () => {
    const p = new PendingPredictions(10);
    const ids = ['a', 'b'.repeat(20), 'c'.repeat(60), 'd'.repeat(500), 'e'];
    ids.forEach((id, i) => add(p, id, i));
    expect(ids.map((id) => p.take(id))).toEqual(ids.map((_, i) => expect.objectContaining({ timeMs: i })));
    expect(p.take('d'.repeat(499))).toBe('unknown');
    expect(p.take('d'.repeat(500))).toBe('duplicate');
    p.clear();
    expect([p.size, p.take('a')]).toEqual([0, 'unknown']);
    add(p, 'a', 9);
    expect(p.take('a')).toMatchObject(prediction(9));
  });

  it('keeps a repeated id until its latest arrival leaves, and joins labels without allocating a record', () => {
    const p = new PendingPredictions(3);
    add(p, 'a', 1);
    add(p, 'b', 2);
    add(p, 'a', 3); // replaces the first: neither joined nor expired
    add(p, 'c', 4); // the first 'a' leaves: nothing to count
    expect([p.size, p.expired]).toEqual([3, 0]);
    add(p, 'd', 5); // 'b' leaves unlabelled
    expect([p.size, p.expired]).toEqual([3, 1]);
    const slot = p.join('a');
    expect([p.timeOf(slot), p.valueOf(slot), p.scoreOf(slot), p.versionOf(slot)]).toEqual([3, 1, 0.8, 1]);
    expect([p.join('a'), p.join('b')]).toEqual([DUPLICATE, UNKNOWN]);
  });
});
