/*
 * The engine on generated samples: time shapes, determinism, stream splitting, traffic and label
 * feedback. Tolerances are 4 standard errors of the sampling error of the quantity compared
 * (binomial for shares, Poisson for counts), or chi-square 0.999 quantiles when many windows are
 * checked together; seeds are fixed, so each test either always passes or always fails.
 */
import { JsonlFormatter } from '../output/jsonl';
import { Rng } from '../random/rng';
import type { Step } from '../scenarios/types';
import { isOrdinaryClient, run, runUntil, scenario, step, truthColumn, type Snap } from '../testing/runs';
import { binomialTolerance, chiSquare999, mean, median, sd, variance } from '../testing/stats';
import { getWorld } from '../worlds/index';
import { featureIndex } from '../worlds/types';
import { shapeWeight, type Shape } from '../injectors/shapes';
import { DEFAULT_LABELS, DEFAULT_START_TIME, type TrafficConfig } from './config';
import { Simulation, type SimulationOptions } from './simulation';
import { TrafficProcess } from './traffic';

const world = getWorld('credit')!;
const T0 = DEFAULT_START_TIME;
const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const INCOME = featureIndex(world, 'annual_income');
const FLAT: Partial<TrafficConfig> = {
  daily: { amplitude: 0, peakHour: 14 },
  bursts: { perDay: 0, multiplier: 1, duration: 0 },
};

const options = (seed: number, steps: Step[], traffic: Partial<TrafficConfig> = {}): SimulationOptions => ({
  world,
  seed,
  traffic: { ...FLAT, ...traffic },
  scenario: steps.length > 0 ? scenario(world, steps) : undefined,
});

const incomeShift = (by: number, shape: Shape, id = 'income') =>
  step('mean-shift', { world: 'credit', feature: 'annual_income' }, { by }, { id, shape });

/** Splits events into consecutive windows of `width` ms from T0 up to `end`. */
function windows<T extends { time: number }>(events: readonly T[], width: number, end: number): T[][] {
  const out: T[][] = Array.from({ length: Math.ceil((end - T0) / width) }, () => []);
  for (const e of events) if (e.time < end) out[Math.floor((e.time - T0) / width)].push(e);
  return out;
}

describe('time shapes at engine level', () => {
  const END = T0 + 6 * HOUR;
  let baseline: Snap[];
  beforeAll(() => {
    baseline = runUntil(options(7, [], { rate: 0.5 }), END);
  });

  it('gradual: the share of affected events follows 1/(1 + e^(−4(t − p)/w))', () => {
    const shape: Shape = { type: 'gradual', width: 2 * HOUR, position: 3 * HOUR };
    const events = runUntil(options(7, [incomeShift(1000, shape)], { rate: 0.5 }), END);
    expect(events).toHaveLength(baseline.length);
    // Affected: the income differs from the same-seed baseline (a +1000 shift always shows; the
    // 1 000 000 cap is never reached at these incomes).
    const affected = events.map((e, i) => e.truth[INCOME] !== baseline[i].truth[INCOME]);
    const byTime = new Map(events.map((e, i) => [e.time, affected[i]]));
    let chi = 0;
    const ws = windows(events, 30 * MINUTE, END);
    for (const w of ws) {
      // Each event is affected with probability weight(t), independently: the count is a sum of
      // Bernoullis with that mean and variance.
      const p = w.map((e) => shapeWeight(shape, e.time - T0));
      const expected = p.reduce((s, v) => s + v, 0);
      const varianceOfCount = p.reduce((s, v) => s + v * (1 - v), 0);
      const observed = w.filter((e) => byTime.get(e.time)).length;
      expect(Math.abs(observed - expected)).toBeLessThanOrEqual(4 * Math.sqrt(varianceOfCount) + 1e-9);
      chi += (observed - expected) ** 2 / varianceOfCount;
    }
    expect(chi).toBeLessThan(chiSquare999(ws.length));
    // The shape really is a transition: few affected early, most late.
    expect(ws[0].filter((e) => byTime.get(e.time)).length / ws[0].length).toBeLessThan(0.1);
    expect(ws[11].filter((e) => byTime.get(e.time)).length / ws[11].length).toBeGreaterThan(0.9);
  });

  it('incremental: the shift grows linearly over the ramp, then stays', () => {
    const shape: Shape = { type: 'incremental', ramp: 4 * HOUR };
    const events = runUntil(options(7, [incomeShift(20_000, shape)], { rate: 0.5 }), END);
    // Event by event: the income moved by by · min(1, elapsed / ramp), to the nearest dollar.
    const off = events.filter((e, i) => {
      const shift = 20_000 * Math.min(1, (e.time - T0) / (4 * HOUR));
      return Math.abs(e.truth[INCOME] - baseline[i].truth[INCOME] - shift) > 0.5 + 1e-9;
    });
    expect(off).toHaveLength(0);
    // Against another seed, window by window: mean(with step) − mean(other) ≈ by · mean weight, each
    // window's difference having the sampling error of two independent means.
    const other = runUntil(options(8, [], { rate: 0.5 }), END);
    const mine = windows(events, 30 * MINUTE, END);
    const theirs = windows(other, 30 * MINUTE, END);
    let chi = 0;
    for (let k = 0; k < mine.length; k++) {
      const a = truthColumn(mine[k], INCOME);
      const b = truthColumn(theirs[k], INCOME);
      const expected = 20_000 * mean(mine[k].map((e) => shapeWeight(shape, e.time - T0)));
      const se = Math.sqrt(variance(a) / a.length + variance(b) / b.length);
      chi += ((mean(a) - mean(b) - expected) / se) ** 2;
    }
    expect(chi).toBeLessThan(chiSquare999(mine.length));
  });

  it('recurring: only inside the active part of each period', () => {
    const shape: Shape = { type: 'recurring', period: 2 * HOUR, active: 30 * MINUTE };
    const events = runUntil(options(7, [incomeShift(1000, shape)], { rate: 0.5 }), END);
    const active = (t: number) => (t - T0) % (2 * HOUR) < 30 * MINUTE;
    const wrong = events.filter((e, i) => (e.truth[INCOME] !== baseline[i].truth[INCOME]) !== active(e.time));
    expect(wrong).toHaveLength(0);
    expect(events.filter((e) => active(e.time)).length).toBeGreaterThan(1000);
    // The step's window is the whole run: it is listed as an incident throughout.
    expect(events.filter((e) => e.incidents.join() !== 'income')).toHaveLength(0);
  });
});

/** A scenario touching every part of the engine: shapes, faults, labels, serving, abuse. */
const BUSY: Step[] = [
  incomeShift(-5000, { type: 'gradual', width: 20 * MINUTE, position: 10 * MINUTE }),
  step(
    'category-mix',
    { world: 'credit', feature: 'region' },
    { weights: { north: 1, west: 2 } },
    { id: 'mix' },
  ),
  step('missing-values', { world: 'credit', feature: 'age' }, { rate: 0.1 }, { id: 'missing' }),
  step(
    'rename-field',
    { world: 'credit', feature: 'utilization' },
    { to: 'util' },
    { id: 'rename', start: 5 * MINUTE },
  ),
  step('duplicate-records', { world: 'credit' }, { rate: 0.05 }, { id: 'dup' }),
  step('label-flip', { world: 'credit' }, { rate: 0.2 }, { id: 'flip' }),
  step(
    'error-burst',
    { world: 'credit' },
    { rate: 0.1 },
    { id: 'errors', shape: { type: 'incremental', ramp: HOUR } },
  ),
  step(
    'request-flood',
    { world: 'credit' },
    { rate: 5 },
    { id: 'flood', start: 10 * MINUTE, duration: 10 * MINUTE },
  ),
  step('boundary-probing', { world: 'credit' }, { rate: 0.2 }, { id: 'probe' }),
  step('concept-change', { world: 'credit' }, { set: { b_utilization: 3 } }, { id: 'concept' }),
];

function jsonl(seed: number, n: number): string[] {
  const sim = new Simulation({ world, seed, scenario: scenario(world, BUSY), traffic: { rate: 20 } });
  const formatter = new JsonlFormatter(world);
  return Array.from({ length: n }, () => formatter.format(sim.next()));
}

describe('determinism', () => {
  it('gives identical JSONL lines for the same seed and scenario', () => {
    const a = jsonl(42, 10_000);
    expect(jsonl(42, 10_000)).toEqual(a);
    // The scenario did act: faults, floods and duplicates are in the lines.
    const text = a.join('');
    for (const needle of ['"age":null', '"util":', '"failStatus":500', '"incidents":["income","mix"'])
      expect(text).toContain(needle);
  });

  it('gives different lines for a different seed', () => {
    const a = jsonl(42, 2_000);
    const b = jsonl(43, 2_000);
    // Times, clients and values are continuous or many-valued: essentially every line differs.
    expect(a.filter((line, i) => line === b[i]).length).toBe(0);
  });
});

describe('stream splitting', () => {
  const N = 10_000;
  const first = incomeShift(3000, { type: 'gradual', width: 10 * MINUTE, position: 3 * MINUTE });
  const ALL = world.features.map((_, j) => j);
  const without = (...js: number[]) => ALL.filter((j) => !js.includes(j));
  /** Positions where the first events differ in one of the features `js` (first few only). */
  function diff(a: readonly Snap[], b: readonly Snap[], js: readonly number[]): string[] {
    const out: string[] = [];
    for (let i = 0; i < Math.min(a.length, b.length) && out.length < 5; i++)
      for (const j of js)
        if (a[i].truth[j] !== b[i].truth[j] || a[i].values[j] !== b[i].values[j])
          out.push(`event ${i}: ${world.features[j].name}`);
    return out;
  }
  let alone: Snap[];
  beforeAll(() => {
    alone = run(options(5, [first], { rate: 20 }), N);
  });

  it('adding a covariate step on another feature changes neither the first step nor the others', () => {
    const region = featureIndex(world, 'region');
    const second = step(
      'category-mix',
      { world: 'credit', feature: 'region' },
      { weights: { east: 1 } },
      { id: 'mix' },
    );
    const both = run(options(5, [first, second], { rate: 20 }), N);
    expect(diff(both, alone, without(region))).toEqual([]);
    // The second step did act.
    expect(both.filter((e) => e.values[region] !== 'east')).toHaveLength(0);
  });

  it('adding data-quality, label and serving steps changes no feature value', () => {
    const age = featureIndex(world, 'age');
    const more = [
      step('missing-values', { world: 'credit', feature: 'age' }, { rate: 0.5 }, { id: 'missing' }),
      step('label-flip', { world: 'credit' }, { rate: 0.3 }, { id: 'flip' }),
      step('error-burst', { world: 'credit' }, { rate: 0.3 }, { id: 'errors' }),
    ];
    const all = run(options(5, [first, ...more], { rate: 20 }), N);
    expect(diff(all, alone, without(age))).toEqual([]);
    expect(all.filter((e, i) => e.truth[age] !== alone[i].truth[age])).toHaveLength(0);
  });

  it('adding abuse traffic leaves the ordinary events and the other steps as they were', () => {
    // Abuse events are resolved against every step too (incidents, concept, serving faults): with
    // streams of their own, so the gradual step's coin flips and the error burst's draws for
    // ordinary events stay the same.
    const errors = step('error-burst', { world: 'credit' }, { rate: 0.3 }, { id: 'errors' });
    const flood = step('request-flood', { world: 'credit' }, { rate: 10 }, { id: 'flood' });
    const probe = step('boundary-probing', { world: 'credit' }, { rate: 1 }, { id: 'probe' });
    const without = run(options(5, [first, errors], { rate: 20 }), N);
    const withAbuse = run(options(5, [first, errors, flood, probe], { rate: 20 }), N);
    const ordinary = withAbuse.filter((e) => isOrdinaryClient(e.client));
    expect(ordinary.length).toBeLessThan(N * 0.7);
    expect(diff(ordinary, without, ALL)).toEqual([]);
    const other = ordinary.filter(
      (e, i) =>
        e.time !== without[i].time ||
        e.label !== without[i].label ||
        e.serving?.failStatus !== without[i].serving?.failStatus,
    );
    expect(other).toHaveLength(0);
    // Abuse events get serving faults too, at the configured rate (4 binomial SE).
    const abusive = withAbuse.filter((e) => !isOrdinaryClient(e.client));
    const failed = abusive.filter((e) => e.serving?.failStatus === 500).length;
    expect(Math.abs(failed / abusive.length - 0.3)).toBeLessThanOrEqual(
      binomialTolerance(0.3, abusive.length),
    );
  });
});

describe('traffic', () => {
  it('arrives at the configured mean rate', () => {
    // Flat traffic at 4 requests/s for one simulated hour: a Poisson count, mean 14 400, sd 120.
    const events = runUntil(options(3, [], { rate: 4 }), T0 + HOUR);
    expect(Math.abs(events.length - 14_400)).toBeLessThanOrEqual(4 * Math.sqrt(14_400));
  });

  it('follows the daily curve: more requests near peakHour than twelve hours away', () => {
    // rate · (1 + a cos(2π (h − peak)/24)) integrated over the hour around the peak (trough):
    // rate · 3600 · (1 ± a (24/π) sin(π/24)) per day. Counts are Poisson.
    const config: TrafficConfig = {
      rate: 0.1,
      daily: { amplitude: 0.5, peakHour: 14 },
      bursts: { perDay: 0, multiplier: 1, duration: 0 },
      clients: 1,
    };
    const days = 30;
    const process = new TrafficProcess(config, Rng.root(1).fork('a'), Rng.root(1).fork('b'), T0);
    const hourly = new Array<number>(24).fill(0);
    let total = 0;
    for (let t = process.next(); t < T0 + days * DAY; t = process.next()) {
      hourly[Math.floor(((t - T0) % DAY) / HOUR)]++;
      total++;
    }
    // Whole days: the curve averages out.
    const perDay = 0.1 * 86_400 * days;
    expect(Math.abs(total - perDay)).toBeLessThanOrEqual(4 * Math.sqrt(perDay));
    const hourIntegral = (offset: number) =>
      (24 / (2 * Math.PI)) *
      (Math.sin((2 * Math.PI * (offset + 1)) / 24) - Math.sin((2 * Math.PI * offset) / 24));
    for (const h of [14, 2, 8]) {
      // Expected count in [h, h + 1): rate · days · (3600 + a · 3600 · ∫ cos over the hour).
      const expected = 0.1 * days * 3600 * (1 + 0.5 * hourIntegral(h - 14));
      expect(Math.abs(hourly[h] - expected)).toBeLessThanOrEqual(4 * Math.sqrt(expected));
    }
    expect(hourly[14]).toBeGreaterThan(2 * hourly[2]);
  });

  it('adds bursts of multiplier × the rate', () => {
    // Bursts arrive perDay times a day and last `duration`: over D days they add about
    // perDay · D · (multiplier − 1) · rate · duration requests. The count of bursts is Poisson, so the
    // extra has sd sqrt(perDay · D) · (multiplier − 1) · rate · duration, on top of the Poisson noise.
    const config: TrafficConfig = {
      rate: 0.1,
      daily: { amplitude: 0, peakHour: 0 },
      bursts: { perDay: 2, multiplier: 10, duration: HOUR },
      clients: 1,
    };
    const days = 30;
    const process = new TrafficProcess(config, Rng.root(2).fork('a'), Rng.root(2).fork('b'), T0);
    let total = 0;
    let inBurst = 0;
    for (let t = process.next(); t < T0 + days * DAY; t = process.next()) {
      total++;
      if (process.inBurst(t)) inBurst++;
    }
    const base = 0.1 * 86_400 * days;
    const perBurst = 9 * 0.1 * 3600;
    const extra = 2 * days * perBurst;
    const sdTotal = Math.sqrt(base + extra + 2 * days * perBurst ** 2);
    expect(Math.abs(total - base - extra)).toBeLessThanOrEqual(4 * sdTotal);
    expect(total - base).toBeGreaterThan(4 * Math.sqrt(base));
    // Requests inside bursts: (perDay · duration / day) of the time at 10× the rate.
    expect(inBurst / total).toBeGreaterThan(0.25);
  });

  it('gives increasing ids and non-decreasing times, floods and duplicates included', () => {
    const sim = new Simulation({ world, seed: 9, scenario: scenario(world, BUSY), traffic: { rate: 20 } });
    let previous = sim.next();
    let { id, time } = previous;
    expect(id).toBe(1);
    for (let i = 0; i < 20_000; i++) {
      previous = sim.next();
      if (previous.id !== id + 1 || previous.time < time)
        throw new Error(`event ${previous.id} out of order`);
      ({ id, time } = previous);
    }
    expect(id).toBe(20_001);
  });
});

describe('label feedback', () => {
  it('delivers the configured share after a log-normal delay with the configured median', () => {
    const labels = { coverage: 0.7, delay: { median: 10 * MINUTE, sigma: 1 } };
    const events = run({ ...options(4, [], { rate: 20 }), labels }, 20_000);
    const delivered = events.filter((e) => !Number.isNaN(e.feedbackAt));
    expect(Math.abs(delivered.length / events.length - 0.7)).toBeLessThanOrEqual(
      binomialTolerance(0.7, events.length),
    );
    const delays = delivered.map((e) => e.feedbackAt - e.time);
    expect(delays.filter((d) => !(d > 0))).toHaveLength(0);
    // log(delay) ~ N(ln median, σ²): the sample median of the logs has SE σ sqrt(π / (2n)), the sd
    // a relative SE of sqrt(1 / (2n)).
    const logs = delays.map((d) => Math.log(d));
    expect(Math.abs(median(logs) - Math.log(10 * MINUTE))).toBeLessThanOrEqual(
      4 * Math.sqrt(Math.PI / (2 * logs.length)),
    );
    expect(Math.abs(sd(logs) - 1)).toBeLessThanOrEqual(4 * Math.sqrt(1 / (2 * logs.length)));
    // Delivered labels are the true ones (no poisoning configured).
    expect(delivered.filter((e) => e.feedbackLabel !== e.label)).toHaveLength(0);
  });

  it('uses the defaults: 90 % coverage, 30 min median', () => {
    const events = run(options(6, [], { rate: 20 }), 20_000);
    const delivered = events.filter((e) => !Number.isNaN(e.feedbackAt));
    const { coverage, delay } = DEFAULT_LABELS;
    expect(coverage).toBe(0.9);
    expect(delay.median).toBe(30 * MINUTE);
    expect(Math.abs(delivered.length / events.length - 0.9)).toBeLessThanOrEqual(
      binomialTolerance(0.9, events.length),
    );
    const logs = delivered.map((e) => Math.log(e.feedbackAt - e.time));
    expect(Math.abs(median(logs) - Math.log(delay.median))).toBeLessThanOrEqual(
      4 * delay.sigma * Math.sqrt(Math.PI / (2 * logs.length)),
    );
    expect(delivered.filter((e) => !(e.feedbackAt > e.time))).toHaveLength(0);
  });
});
