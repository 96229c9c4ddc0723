import { Rng } from '../random/rng';
import { FeedbackQueue } from './feedback-queue';

describe('FeedbackQueue', () => {
  it('delivers labels in time order (ties by id), each once, only when due', () => {
    const q = new FeedbackQueue();
    const rng = Rng.root('feedback-queue');
    const pushed: { source: number; id: number; at: number; label: number }[] = [];
    for (let id = 0; id < 5000; id++) {
      const at = 1000 + Math.floor(rng.next() * 500); // many ties
      const label = id % 2;
      pushed.push({ source: id % 3, id, at, label });
      q.push(id % 3, id, at, label);
    }
    q.push(0, 99999, NaN, 1); // never delivered
    expect(q.size).toBe(5000);
    expect(q.popDue(999)).toBeNull();
    const out = [];
    for (let due = q.popDue(1250); due; due = q.popDue(1250)) out.push(due);
    expect(q.nextAt).toBeGreaterThan(1250);
    for (let due = q.popDue(Infinity); due; due = q.popDue(Infinity)) out.push(due);
    const expected = [...pushed].sort((a, b) => a.at - b.at || a.id - b.id);
    expect(out).toEqual(expected);
    expect(q.size).toBe(0);
    expect(q.nextAt).toBe(Infinity);
  });

  it('interleaves pushes and pops like a live run', () => {
    const q = new FeedbackQueue();
    const delivered: number[] = [];
    for (let t = 0; t < 10_000; t++) {
      q.push(0, t, t + 100 + (t % 7) * 10, 0);
      for (let due = q.popDue(t); due; due = q.popDue(t)) delivered.push(due.at);
    }
    expect(delivered).toEqual([...delivered].sort((a, b) => a - b));
    expect(delivered.every((at) => at <= 10_000)).toBe(true);
    expect(q.size).toBe(10_000 - delivered.length);
    expect(q.size).toBeLessThan(200); // bounded by rate × delay, not by run length
  });
});
