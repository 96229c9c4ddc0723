import { RecordRing, WindowCursor } from './ring';
import type { WindowSpec } from './spec';

/** A ring of one-field records (the event time) and one window over it. */
function windowOver(spec: WindowSpec, capacity?: number) {
  const ring = new RecordRing(capacity ?? (spec.kind === 'count' ? spec.size : spec.capacity), 1, 0);
  return { ring, cursor: new WindowCursor(spec, ring) };
}

/** Pushes events at the given times, as a window's push does: the cursor first, then the record. */
function fill(ring: RecordRing, cursors: WindowCursor[], times: readonly number[]): void {
  for (const t of times) {
    for (const c of cursors) c.admit(t);
    ring.records[ring.claim()] = t;
  }
}

describe('WindowCursor as a count window', () => {
  it('holds the newest N events, oldest first, across the wrap', () => {
    const { ring, cursor } = windowOver({ kind: 'count', size: 4 });
    fill(ring, [cursor], [1, 2, 3]);
    expect(Array.from(cursor.field(0))).toEqual([1, 2, 3]);
    fill(ring, [cursor], [4, 5, 6]);
    expect(cursor.size).toBe(4);
    expect(ring.pushed).toBe(6);
    expect(Array.from(cursor.field(0))).toEqual([3, 4, 5, 6]);
    // Overwriting is what a count window is for: nothing counts as dropped.
    expect(cursor.droppedAtCapacity).toBe(0);
  });

  it('never expires by time', () => {
    const { ring, cursor } = windowOver({ kind: 'count', size: 3 });
    fill(ring, [cursor], [0, 1]);
    cursor.advance(1e15);
    expect(cursor.size).toBe(2);
  });
});

describe('WindowCursor as a time window', () => {
  const minute = { kind: 'time', spanSeconds: 60, capacity: 5 } as const;

  it('holds the events of (now − span, now], now being the latest time seen', () => {
    const { ring, cursor } = windowOver(minute);
    fill(ring, [cursor], [0, 10_000, 30_000]);
    expect(cursor.size).toBe(3);
    // At 60 s the event at 0 is exactly a span old: out.
    fill(ring, [cursor], [60_000]);
    expect(Array.from(cursor.field(0))).toEqual([10_000, 30_000, 60_000]);
    cursor.advance(90_000);
    expect(Array.from(cursor.field(0))).toEqual([60_000]);
    expect(cursor.nowMs).toBe(90_000);
    cursor.advance(200_000);
    expect(cursor.size).toBe(0);
  });

  it('never moves its clock back', () => {
    const { ring, cursor } = windowOver(minute);
    fill(ring, [cursor], [100_000]);
    cursor.advance(50_000);
    expect(cursor.nowMs).toBe(100_000);
    expect(cursor.size).toBe(1);
  });

  it('drops the oldest events at capacity and counts them', () => {
    const { ring, cursor } = windowOver(minute);
    fill(ring, [cursor], [1, 2, 3, 4, 5, 6, 7]);
    expect(cursor.size).toBe(5);
    expect(cursor.droppedAtCapacity).toBe(2);
    expect(Array.from(cursor.field(0))).toEqual([3, 4, 5, 6, 7]);
  });

  it('keeps a late event with an old time until the events before it leave', () => {
    const { ring, cursor } = windowOver(minute);
    fill(ring, [cursor], [50_000, 1_000, 55_000]);
    // Now is 55 s: the event stamped 1 s is inside the span, fine; at 70 s it is not, but it
    // leaves only after the one at 50 s, which is still in.
    cursor.advance(70_000);
    expect(Array.from(cursor.field(0))).toEqual([50_000, 1_000, 55_000]);
    cursor.advance(110_001);
    expect(Array.from(cursor.field(0))).toEqual([55_000]);
  });
});

describe('windows sharing one ring', () => {
  it('each hold their own part of the latest records', () => {
    const ring = new RecordRing(6, 1, 0);
    const last2 = new WindowCursor({ kind: 'count', size: 2 }, ring);
    const minute = new WindowCursor({ kind: 'time', spanSeconds: 60, capacity: 6 }, ring);
    fill(ring, [last2, minute], [0, 20_000, 40_000, 70_000, 75_000, 80_000, 90_000]);
    expect(Array.from(last2.field(0))).toEqual([80_000, 90_000]);
    expect(Array.from(minute.field(0))).toEqual([40_000, 70_000, 75_000, 80_000, 90_000]);
    expect(() => new WindowCursor({ kind: 'count', size: 7 }, ring)).toThrow(/cannot share a ring of 6/);
  });
});

describe('RecordRing sequence numbers', () => {
  it('find the record of a push while the ring holds it', () => {
    const { ring, cursor } = windowOver({ kind: 'count', size: 3 });
    fill(ring, [cursor], [10, 11, 12, 13, 14]); // sequences 0..4, 2..4 held
    expect(ring.records[ring.offsetOf(2)]).toBe(12);
    expect(ring.timeOf(4)).toBe(14);
  });

  it('start again from 0 after clear', () => {
    const { ring, cursor } = windowOver({ kind: 'time', spanSeconds: 1, capacity: 2 });
    fill(ring, [cursor], [1, 2, 3]);
    const generation = cursor.generation;
    ring.clear();
    cursor.clear();
    expect([cursor.size, ring.pushed, cursor.droppedAtCapacity, cursor.nowMs]).toEqual([0, 0, 0, -Infinity]);
    expect(cursor.generation).toBe(generation + 2);
    expect(ring.claim()).toBe(0);
  });
});
