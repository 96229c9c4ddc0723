import { RingIndex } from './ring';

/** Pushes events at the given times, writing each event's time into a value column. */
function fill(ring: RingIndex, column: Float64Array, times: readonly number[]): void {
  for (const t of times) column[ring.claim(t)] = t;
}

describe('RingIndex as a count window', () => {
  it('holds the newest N events, oldest first, across the wrap', () => {
    const ring = new RingIndex({ kind: 'count', size: 4 });
    const values = new Float64Array(ring.capacity);
    fill(ring, values, [1, 2, 3]);
    expect(Array.from(ring.chronological(values))).toEqual([1, 2, 3]);
    fill(ring, values, [4, 5, 6]);
    expect(ring.size).toBe(4);
    expect(ring.pushed).toBe(6);
    expect(Array.from(ring.chronological(values))).toEqual([3, 4, 5, 6]);
    expect(Array.from(ring.chronological(ring.timesMs))).toEqual([3, 4, 5, 6]);
    expect(values[ring.slotAt(0)]).toBe(3);
    expect(values[ring.slotAt(3)]).toBe(6);
    // Overwriting is what a count window is for: nothing counts as dropped.
    expect(ring.droppedAtCapacity).toBe(0);
  });

  it('never expires by time', () => {
    const ring = new RingIndex({ kind: 'count', size: 3 });
    fill(ring, new Float64Array(3), [0, 1]);
    ring.advance(1e15);
    expect(ring.size).toBe(2);
  });
});

describe('RingIndex as a time window', () => {
  const minute = { kind: 'time', spanSeconds: 60, capacity: 5 } as const;

  it('holds the events of (now − span, now], now being the latest time seen', () => {
    const ring = new RingIndex(minute);
    const values = new Float64Array(ring.capacity);
    fill(ring, values, [0, 10_000, 30_000]);
    expect(ring.size).toBe(3);
    // At 60 s the event at 0 is exactly a span old: out.
    fill(ring, values, [60_000]);
    expect(Array.from(ring.chronological(values))).toEqual([10_000, 30_000, 60_000]);
    ring.advance(90_000);
    expect(Array.from(ring.chronological(values))).toEqual([60_000]);
    expect(ring.nowMs).toBe(90_000);
    ring.advance(200_000);
    expect(ring.size).toBe(0);
  });

  it('never moves its clock back', () => {
    const ring = new RingIndex(minute);
    fill(ring, new Float64Array(5), [100_000]);
    ring.advance(50_000);
    expect(ring.nowMs).toBe(100_000);
    expect(ring.size).toBe(1);
  });

  it('drops the oldest events at capacity and counts them', () => {
    const ring = new RingIndex(minute);
    const values = new Float64Array(ring.capacity);
    fill(ring, values, [1, 2, 3, 4, 5, 6, 7]);
    expect(ring.size).toBe(5);
    expect(ring.droppedAtCapacity).toBe(2);
    expect(Array.from(ring.chronological(values))).toEqual([3, 4, 5, 6, 7]);
  });

  it('keeps a late event with an old time until the events before it leave', () => {
    const ring = new RingIndex(minute);
    const values = new Float64Array(ring.capacity);
    fill(ring, values, [50_000, 1_000, 55_000]);
    // Now is 55 s: the event stamped 1 s is inside the span, fine; at 70 s it is not, but it
    // leaves only after the one at 50 s, which is still in.
    ring.advance(70_000);
    expect(Array.from(ring.chronological(values))).toEqual([50_000, 1_000, 55_000]);
    ring.advance(110_001);
    expect(Array.from(ring.chronological(values))).toEqual([55_000]);
  });
});

describe('RingIndex sequence numbers', () => {
  it('find the slot of a push while it is held', () => {
    const ring = new RingIndex({ kind: 'count', size: 3 });
    const values = new Float64Array(3);
    fill(ring, values, [10, 11, 12, 13, 14]); // sequences 0..4, 2..4 held
    expect(ring.slotOfSequence(0)).toBe(-1);
    expect(ring.slotOfSequence(1)).toBe(-1);
    expect(values[ring.slotOfSequence(2)]).toBe(12);
    expect(values[ring.slotOfSequence(4)]).toBe(14);
    expect(ring.slotOfSequence(5)).toBe(-1);
    expect(ring.slotOfSequence(-1)).toBe(-1);
    expect(ring.slotOfSequence(2.5)).toBe(-1);
  });

  it('start again from 0 after clear', () => {
    const ring = new RingIndex({ kind: 'time', spanSeconds: 1, capacity: 2 });
    fill(ring, new Float64Array(2), [1, 2, 3]);
    ring.clear();
    expect([ring.size, ring.pushed, ring.droppedAtCapacity, ring.nowMs]).toEqual([0, 0, 0, -Infinity]);
    expect(ring.claim(5)).toBe(0);
    expect(ring.chronological(ring.timesMs)).toEqual(Float64Array.of(5));
  });
});
