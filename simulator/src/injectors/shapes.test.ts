import { isProbabilistic, shapeWeight } from './shapes';

const HOUR = 3_600_000;

describe('time shapes', () => {
  it('sudden is fully on', () => {
    expect(shapeWeight({ type: 'sudden' }, 0)).toBe(1);
    expect(shapeWeight({ type: 'sudden' }, 5 * HOUR)).toBe(1);
  });

  it('gradual follows 1/(1+e^(-4(t-p)/w)) as in MOA ConceptDriftStream', () => {
    const shape = { type: 'gradual', width: 2 * HOUR, position: HOUR } as const;
    // At t = p the two concepts are equally likely.
    expect(shapeWeight(shape, HOUR)).toBeCloseTo(0.5, 12);
    // At t = p ± w/2 the exponent is ∓2: 1/(1+e^2) = 0.11920292202211755.
    expect(shapeWeight(shape, 0)).toBeCloseTo(0.11920292202211755, 12);
    expect(shapeWeight(shape, 2 * HOUR)).toBeCloseTo(1 - 0.11920292202211755, 12);
    expect(isProbabilistic(shape)).toBe(true);
  });

  it('incremental ramps linearly to 1 and stays there', () => {
    const shape = { type: 'incremental', ramp: 4 * HOUR } as const;
    expect(shapeWeight(shape, 0)).toBe(0);
    expect(shapeWeight(shape, HOUR)).toBe(0.25);
    expect(shapeWeight(shape, 4 * HOUR)).toBe(1);
    expect(shapeWeight(shape, 9 * HOUR)).toBe(1);
    expect(isProbabilistic(shape)).toBe(false);
  });

  it('recurring is on for `active` of every `period`', () => {
    const shape = { type: 'recurring', period: 24 * HOUR, active: 6 * HOUR } as const;
    expect(shapeWeight(shape, 0)).toBe(1);
    expect(shapeWeight(shape, 6 * HOUR - 1)).toBe(1);
    expect(shapeWeight(shape, 6 * HOUR)).toBe(0);
    expect(shapeWeight(shape, 24 * HOUR + 1)).toBe(1);
    expect(shapeWeight(shape, 30 * HOUR)).toBe(0);
  });
});
