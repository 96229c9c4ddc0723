import { ScaledClock } from './clock';

describe('ScaledClock', () => {
  it('runs simulated time `speed` times faster than real time', () => {
    let real = 1000;
    const clock = new ScaledClock(Date.UTC(2026, 0, 5), 600, () => real);
    expect(clock.now()).toBe(Date.UTC(2026, 0, 5));
    real += 6_000; // six real seconds at 600× is an hour
    expect(clock.now()).toBe(Date.UTC(2026, 0, 5, 1));
  });

  it('says how long to wait in real time for a simulated moment', () => {
    let real = 0;
    const start = Date.UTC(2026, 0, 5);
    const clock = new ScaledClock(start, 1000, () => real);
    expect(clock.realDelayUntil(start + 60_000)).toBe(60); // a simulated minute is 60 ms
    real = 100;
    expect(clock.realDelayUntil(start + 60_000)).toBe(0);
  });

  it('rejects speeds that are not positive finite numbers', () => {
    for (const speed of [0, -1, NaN, Infinity])
      expect(() => new ScaledClock(0, speed)).toThrow(/speed must be a positive number/);
  });
});

describe('ScaledClock.holdTo', () => {
  it('sets the clock back to the traffic when it runs more than the allowed lead ahead, then runs on from there', () => {
    let real = 0;
    const clock = new ScaledClock(1_000_000, 100, () => real);
    real = 50; // 5 simulated seconds later
    expect(clock.holdTo(999_000, 10_000)).toBe(false); // 6 s ahead, within the 10 s lead
    expect(clock.now()).toBe(1_005_000);
    real = 1000; // the clock says 1,100,000; the traffic is at 1,001,000
    expect(clock.holdTo(1_001_000, 10_000)).toBe(true);
    expect(clock.now()).toBe(1_001_000);
    real = 1010; // and runs at its speed from there
    expect(clock.now()).toBe(1_002_000);
    expect(clock.realDelayUntil(1_003_000)).toBe(10);
  });
});
