import { PendingPredictions } from './pending';

const prediction = (t: number) => ({ version: 1, value: 1, score: 0.8, timeMs: t, ticket: t });

describe('PendingPredictions', () => {
  it('joins a label to its prediction once; a second label is a duplicate, a stranger unknown', () => {
    const p = new PendingPredictions();
    p.add('a', prediction(1));
    p.add('b', prediction(2));
    expect(p.take('a')).toEqual(prediction(1));
    expect(p.take('a')).toBe('duplicate');
    expect(p.take('zzz')).toBe('unknown');
    expect(p.size).toBe(1);
  });

  it('gives up on the oldest waiting prediction beyond its capacity, and counts it', () => {
    const p = new PendingPredictions(3);
    for (let i = 0; i < 5; i++) p.add(`r${i}`, prediction(i));
    expect(p.size).toBe(3);
    expect(p.expired).toBe(2);
    expect(p.take('r0')).toBe('unknown');
    expect(p.take('r4')).toEqual(prediction(4));
  });

  it('remembers only the last `capacity` joined ids', () => {
    const p = new PendingPredictions(2);
    for (let i = 0; i < 3; i++) {
      p.add(`r${i}`, prediction(i));
      p.take(`r${i}`);
    }
    expect(p.take('r2')).toBe('duplicate');
    expect(p.take('r0')).toBe('unknown');
    expect(() => new PendingPredictions(0)).toThrow(/capacity/);
  });
});
