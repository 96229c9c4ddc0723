import { PendingPredictions } from './pending';

const prediction = (t: number) => ({ version: 1, value: 1, score: 0.8, timeMs: t, ticket: t });
const add = (p: PendingPredictions, id: string, t: number) => p.add(id, 1, 1, 0.8, t, t);

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
