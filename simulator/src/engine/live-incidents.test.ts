/*
 * Live incidents: scenarios started, paused, resumed and aborted on a running Simulation. Real
 * simulations throughout. Most checks are exact, against a same-seed simulation without the
 * incident: the ordinary streams are the same, so an event either carries the incident's effect or
 * is identical to the baseline's. Statistical tolerances are 4 standard errors (binomial for
 * shares, Poisson for counts) or chi-square 0.999 quantiles; seeds are fixed, so each test either
 * always passes or always fails.
 */
import { JsonlFormatter } from '../output/jsonl';
import { builtinScenarios, resolveScenario } from '../scenarios/library';
import type { Scenario, Step } from '../scenarios/types';
import { isOrdinaryClient, same, scenario, snap, step, type Snap } from '../testing/runs';
import { binomialTolerance, chiSquare999, mean } from '../testing/stats';
import { getWorld } from '../worlds/index';
import { featureIndex, type World } from '../worlds/types';
import { shapeWeight, type Shape } from '../injectors/shapes';
import { DEFAULT_START_TIME, type TrafficConfig } from './config';
import { toRecord, type SimEvent } from './event';
import { IncidentError, type IncidentStatus } from './incidents';
import { Simulation, type SimulationOptions } from './simulation';

const credit = getWorld('credit')!;
const fraud = getWorld('fraud')!;
const T0 = DEFAULT_START_TIME;
const MINUTE = 60_000;
const HOUR = 3_600_000;
const INCOME = featureIndex(credit, 'annual_income');
const REGION = featureIndex(credit, 'region');
const FLAT: Partial<TrafficConfig> = {
  daily: { amplitude: 0, peakHour: 14 },
  bursts: { perDay: 0, multiplier: 1, duration: 0 },
};

const options = (seed: number, world: World = credit, extra: Partial<SimulationOptions> = {}) => ({
  world,
  seed,
  traffic: FLAT,
  ...extra,
});

/**
 * Copies the events in [from, end) (the one reaching `end` is dropped: call with the simulation's
 * end). Events before `from` are skipped uncopied, which keeps long runs fast.
 */
function until(sim: Simulation, end: number, from = -Infinity): Snap[] {
  const out: Snap[] = [];
  for (let e = sim.next(); e.time < end; e = sim.next()) if (e.time >= from) out.push(snap(e));
  return out;
}

/** Copies events into `out` until the last one is at or after `time`: then `sim.now` is that event's time. */
function advance(sim: Simulation, time: number, out: Snap[]): void {
  while (out.length === 0 || out[out.length - 1].time < time) out.push(snap(sim.next()));
}

const between = (events: readonly Snap[], from: number, to: number) =>
  events.filter((e) => e.time >= from && e.time < to);

/** Whether two kept events are the same request with the same ground truth, feedback and serving. */
function sameEvent(a: Snap, b: Snap, incidents = true): boolean {
  if (a.time !== b.time || a.client !== b.client || a.label !== b.label) return false;
  if (a.feedbackLabel !== b.feedbackLabel || !same(a.feedbackAt, b.feedbackAt)) return false;
  if (a.fieldNames !== b.fieldNames && a.fieldNames.join() !== b.fieldNames.join()) return false;
  for (let j = 0; j < a.truth.length; j++) {
    // `values` are the payload's, by feature: null for missing, undefined for dropped or renamed.
    if (a.truth[j] !== b.truth[j] || a.values[j] !== b.values[j]) return false;
  }
  const x = a.serving;
  const y = b.serving;
  if (x !== y) {
    if (!x || !y) return false;
    if (
      x.addedLatencyMs !== y.addedLatencyMs ||
      x.failStatus !== y.failStatus ||
      x.unavailable !== y.unavailable
    )
      return false;
  }
  return !incidents || a.incidents.join() === b.incidents.join();
}

const statusOf = (sim: Simulation, id: string): IncidentStatus => sim.incidents().find((i) => i.id === id)!;

function expectRefused(call: () => unknown, code: string, message: RegExp): void {
  let error: unknown;
  try {
    call();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(IncidentError);
  expect((error as IncidentError).code).toBe(code);
  expect((error as IncidentError).message).toMatch(message);
}

describe('a live incident started at the start time', () => {
  it('gives exactly the constructor scenario events when its effects draw nothing', () => {
    // Mean shifts, unit changes and added latency take no random draws (the incremental shape is a
    // magnitude, not a coin): the streams differ by path, but nothing is drawn from them.
    const steps: Step[] = [
      step(
        'mean-shift',
        { world: 'credit', feature: 'annual_income' },
        { by: 15_000 },
        { id: 'raise', start: HOUR, duration: 4 * HOUR, shape: { type: 'incremental', ramp: 2 * HOUR } },
      ),
      step(
        'added-latency',
        { world: 'credit' },
        { ms: 200 },
        { id: 'slow', start: 30 * MINUTE, duration: 2 * HOUR },
      ),
      step(
        'unit-change',
        { world: 'credit', feature: 'loan_amount' },
        { factor: 100 },
        { id: 'cents', start: 2 * HOUR },
      ),
    ];
    const sc = scenario(credit, steps);
    const atConstruction = until(new Simulation({ ...options(11), scenario: sc }), T0 + 6 * HOUR);
    const sim = new Simulation(options(11));
    expect(sim.startIncident('live', sc, T0)).toBe(3);
    const live = until(sim, T0 + 6 * HOUR);
    expect(live).toHaveLength(atConstruction.length);
    expect(live.filter((e, i) => !sameEvent(e, atConstruction[i], false))).toHaveLength(0);
    // Only the names differ: `<incident>/<step>`.
    const renamed = atConstruction.map((e) => e.incidents.map((n) => `live/${n}`).join());
    expect(live.filter((e, i) => e.incidents.join() !== renamed[i])).toHaveLength(0);
    expect(live.some((e) => e.incidents.join() === 'live/raise,live/slow,live/cents')).toBe(true);
    expect(live.some((e) => e.serving?.addedLatencyMs === 200)).toBe(true);
  });

  it('shifts the feature as the same scenario does, inside its window only (credit-income-drop)', () => {
    // mean-shift by −22 000 from 6h, gradual over 4h: each event is shifted with probability w(t), a
    // coin drawn from the incident's own stream. The library's step is open-ended; given a duration
    // of 6h, the end of the window is checked too.
    const library = resolveScenario('credit-income-drop');
    const sc: Scenario = { ...library, timeline: [{ ...library.timeline[0], duration: 6 * HOUR }] };
    const by = sc.timeline[0].params.by as number;
    const shape = sc.timeline[0].shape;
    const start = T0 + 6 * HOUR;
    const end = start + 6 * HOUR;
    const sim = new Simulation(options(sc.seed));
    sim.startIncident('drop', sc, T0);
    const live = until(sim, end + 30 * MINUTE, start - 30 * MINUTE);
    const base = until(new Simulation(options(sc.seed)), end + 30 * MINUTE, start - 30 * MINUTE);
    expect(live).toHaveLength(base.length);
    const shifted = (e: Snap, i: number) => e.truth[INCOME] !== base[i].truth[INCOME];
    // Outside the window: untouched, and listed nowhere.
    const outside = live.filter(
      (e, i) => (e.time < start || e.time >= end) && (shifted(e, i) || e.incidents.length > 0),
    );
    expect(outside).toHaveLength(0);
    // Inside: every event listed, and a shifted income is the baseline's plus `by`, kept valid (≥ 0).
    const inside = live.map((e, i) => ({ e, i })).filter(({ e }) => e.time >= start && e.time < end);
    expect(inside.filter(({ e }) => e.incidents.join() !== 'drop/income-drop')).toHaveLength(0);
    const wrong = inside.filter(
      ({ e, i }) => shifted(e, i) && e.truth[INCOME] !== Math.max(0, base[i].truth[INCOME] + by),
    );
    expect(wrong).toHaveLength(0);
    // The share shifted follows the shape, window by window over the transition (sums of Bernoullis).
    let chi = 0;
    const windows = 8;
    for (let k = 0; k < windows; k++) {
      const w = inside.filter(
        ({ e }) => e.time >= start + k * 30 * MINUTE && e.time < start + (k + 1) * 30 * MINUTE,
      );
      const p = w.map(({ e }) => shapeWeight(shape, e.time - start));
      const expected = p.reduce((s, v) => s + v, 0);
      const varianceOfCount = p.reduce((s, v) => s + v * (1 - v), 0);
      const observed = w.filter(({ e, i }) => shifted(e, i)).length;
      chi += (observed - expected) ** 2 / varianceOfCount;
    }
    expect(chi).toBeLessThan(chiSquare999(windows));
    // Late in the window (w from 0.88 to 0.98), the feature's mean has moved by `by` (less what the
    // floor at 0 cuts off, about 5 % of it here) times the share shifted: the mean of w(t) · shift
    // over the events, with the sampling error of a sum of independent coins. So it has under the
    // scenario given at construction.
    const late = inside.filter(({ e }) => e.time >= start + 4 * HOUR);
    const shift = late.map(({ i }) => Math.max(0, base[i].truth[INCOME] + by) - base[i].truth[INCOME]);
    const weight = late.map(({ e }) => shapeWeight(shape, e.time - start));
    const expected = mean(shift.map((d, k) => d * weight[k]));
    const se = Math.sqrt(shift.reduce((s, d, k) => s + d * d * weight[k] * (1 - weight[k]), 0)) / late.length;
    expect(Math.abs(mean(shift) - by)).toBeLessThan(Math.abs(by) * 0.06);
    const moved = mean(late.map(({ e, i }) => e.truth[INCOME] - base[i].truth[INCOME]));
    expect(Math.abs(moved - expected)).toBeLessThanOrEqual(4 * se);
    const atConstruction = until(
      new Simulation({ ...options(sc.seed), scenario: sc }),
      end,
      start + 4 * HOUR,
    );
    expect(atConstruction).toHaveLength(late.length);
    expect(atConstruction.filter((e, k) => e.time !== late[k].e.time)).toHaveLength(0);
    const theirs = mean(atConstruction.map((e, k) => e.truth[INCOME] - base[late[k].i].truth[INCOME]));
    expect(Math.abs(theirs - expected)).toBeLessThanOrEqual(4 * se);
  });
});

describe('pause and resume', () => {
  // An incremental mean shift: from 1h for 3h, +20 000 · min(1, elapsed / 2h). Paused at 2h (half
  // way up the ramp) for 1h30m: it holds at half strength while paused, then climbs on from there
  // and ends at 5h30m instead of 4h.
  const by = 20_000;
  const ramp: Shape = { type: 'incremental', ramp: 2 * HOUR };
  const sc = scenario(credit, [
    step(
      'mean-shift',
      { world: 'credit', feature: 'annual_income' },
      { by },
      { id: 'ramp', start: HOUR, duration: 3 * HOUR, shape: ramp },
    ),
  ]);
  const PAUSE = T0 + 2 * HOUR;
  const RESUME = T0 + 3.5 * HOUR;
  const expectedShift = (t: number) => {
    if (t < T0 + HOUR || t >= T0 + 5.5 * HOUR) return 0;
    if (t >= PAUSE && t < RESUME) return by * 0.5; // held where the ramp was at the pause
    const elapsed = t < PAUSE ? t - T0 - HOUR : t - T0 - HOUR - (RESUME - PAUSE);
    return by * Math.min(1, elapsed / (2 * HOUR));
  };
  let base: Snap[];
  beforeAll(() => {
    base = until(new Simulation(options(21)), T0 + 7 * HOUR);
  });

  function check(live: readonly Snap[]): void {
    expect(live).toHaveLength(base.length);
    const off = live.filter(
      (e, i) => Math.abs(e.truth[INCOME] - base[i].truth[INCOME] - expectedShift(e.time)) > 0.5 + 1e-9,
    );
    expect(off).toHaveLength(0);
    // Listed exactly while it acts: its window ends later by exactly the time paused.
    const listed = live.filter((e) => e.incidents.length > 0);
    expect(listed.filter((e) => e.incidents.join() !== 'tutor/ramp')).toHaveLength(0);
    const acting = (t: number) => t >= T0 + HOUR && t < T0 + 5.5 * HOUR;
    expect(live.filter((e) => e.incidents.length > 0 !== acting(e.time))).toHaveLength(0);
    // Elsewhere the events are the baseline's.
    expect(live.filter((e, i) => !acting(e.time) && !sameEvent(e, base[i]))).toHaveLength(0);
  }

  it("holds the effect where it was while paused, stops the shape's clock, and continues from there", () => {
    const sim = new Simulation(options(21));
    sim.startIncident('tutor', sc, T0);
    sim.pauseIncident('tutor', PAUSE);
    sim.resumeIncident('tutor', RESUME);
    check(until(sim, T0 + 7 * HOUR));
  });

  it('gives the same events when the calls are made while it runs, and reports each state', () => {
    const sim = new Simulation(options(21));
    const live: Snap[] = [];
    sim.startIncident('tutor', sc, T0);
    const seen: string[] = [];
    const note = () => {
      const s = statusOf(sim, 'tutor');
      const line = `${s.state} ${(s.start - T0) / HOUR}h-${(s.end - T0) / HOUR}h`;
      if (seen[seen.length - 1] !== line) seen.push(line);
    };
    note();
    // Up to just before the pause, then the pause at exactly its time (ahead of the last event).
    while (live.length === 0 || live[live.length - 1].time < PAUSE - MINUTE) {
      live.push(snap(sim.next()));
      if (live.length % 100 === 0) note();
    }
    sim.pauseIncident('tutor', PAUSE);
    advance(sim, RESUME - MINUTE, live);
    note();
    sim.resumeIncident('tutor', RESUME);
    while (live[live.length - 1].time < T0 + 7 * HOUR) {
      live.push(snap(sim.next()));
      if (live.length % 100 === 0) note();
    }
    check(live.slice(0, -1));
    // The start stays when it was (it had begun); the end moves by the time paused.
    expect(seen).toEqual([
      'scheduled 1h-4h',
      'running 1h-4h',
      'paused 1h-4h',
      'running 1h-5.5h',
      'ended 1h-5.5h',
    ]);
    expect(statusOf(sim, 'tutor')).toEqual({
      id: 'tutor',
      scenario: 'test',
      state: 'ended',
      steps: 1,
      start: T0 + HOUR,
      end: T0 + 5.5 * HOUR,
      startedAt: T0,
      pausedAt: null,
      abortedAt: null,
    });
  });

  it('shows the pause in incidents() from the pause time on', () => {
    const sim = new Simulation(options(21));
    const live: Snap[] = [];
    sim.startIncident('tutor', sc, T0);
    advance(sim, T0 + 90 * MINUTE, live);
    sim.pauseIncident('tutor', T0 + 2 * HOUR);
    // Called ahead of the events: not in effect yet.
    expect(statusOf(sim, 'tutor')).toMatchObject({ state: 'running', pausedAt: null });
    advance(sim, T0 + 2 * HOUR, live);
    expect(statusOf(sim, 'tutor')).toMatchObject({
      state: 'paused',
      pausedAt: T0 + 2 * HOUR,
      end: T0 + 4 * HOUR,
    });
  });
});

describe('abort', () => {
  const shift = (id = 'up') =>
    step('mean-shift', { world: 'credit', feature: 'annual_income' }, { by: 5000 }, { id });

  it('removes every effect from the first event at or after its time', () => {
    const sim = new Simulation(options(31));
    const base = until(new Simulation(options(31)), T0 + 2 * HOUR);
    const live: Snap[] = [];
    sim.startIncident('tutor', scenario(credit, [shift()]), T0);
    advance(sim, T0 + HOUR, live);
    const at = sim.now;
    sim.abortIncident('tutor', at);
    expect(statusOf(sim, 'tutor')).toMatchObject({ state: 'aborted', abortedAt: at, pausedAt: null });
    for (let e = sim.next(); e.time < T0 + 2 * HOUR; e = sim.next()) live.push(snap(e));
    expect(live).toHaveLength(base.length);
    const before = live.filter((e) => e.time <= at);
    expect(before.length).toBeGreaterThan(5000);
    expect(
      before.filter((e, i) => e.truth[INCOME] === base[i].truth[INCOME] || e.incidents.join() !== 'tutor/up'),
    ).toHaveLength(0);
    const after = live.map((e, i) => ({ e, i })).filter(({ e }) => e.time > at);
    expect(after.length).toBeGreaterThan(5000);
    expect(after.filter(({ e, i }) => !sameEvent(e, base[i]))).toHaveLength(0);
  });

  it('keeps a queued abort when a second, earlier abort is refused', () => {
    const sim = new Simulation(options(31));
    sim.startIncident('tutor', scenario(credit, [shift()]), T0);
    sim.abortIncident('tutor', T0 + 2 * HOUR);
    expectRefused(
      () => sim.abortIncident('tutor', T0 + HOUR),
      'state',
      /cannot abort incident "tutor": it is already aborted/,
    );
    until(sim, T0 + 3 * HOUR);
    expect(statusOf(sim, 'tutor')).toMatchObject({ state: 'aborted' });
  });

  it('stops serving directives at once (credit-error-storm)', () => {
    // Error bursts from 6h (20 minutes of every hour, 30 % of requests, 503); unavailable 9h–9h15m.
    const sc = resolveScenario('credit-error-storm');
    const run = (abort: boolean) => {
      const sim = new Simulation(options(sc.seed));
      sim.startIncident('storm', sc, T0);
      const events = until(sim, T0 + 5 * HOUR);
      advance(sim, T0 + 9 * HOUR + 5 * MINUTE, events);
      const at = sim.now;
      if (abort) sim.abortIncident('storm', at);
      for (let e = sim.next(); e.time < T0 + 10 * HOUR + 10 * MINUTE; e = sim.next()) events.push(snap(e));
      return { events, at };
    };
    const { events, at } = run(true);
    const before = events.filter((e) => e.time <= at);
    const after = events.filter((e) => e.time > at);
    // While it runs: bursts at the configured rate within the first 20 minutes of each hour.
    const bursts = before.filter((e) => e.time >= T0 + 6 * HOUR && (e.time - T0) % HOUR < 20 * MINUTE);
    const failed = bursts.filter((e) => e.serving?.failStatus === 503).length;
    expect(Math.abs(failed / bursts.length - 0.3)).toBeLessThanOrEqual(binomialTolerance(0.3, bursts.length));
    expect(
      before.filter((e) => e.serving?.unavailable === true && e.time >= T0 + 9 * HOUR).length,
    ).toBeGreaterThan(500);
    expect(before.filter((e) => e.time < T0 + 6 * HOUR && e.serving !== null)).toHaveLength(0);
    expect(before.some((e) => e.incidents.join() === 'storm/error-bursts,storm/outage')).toBe(true);
    // After the abort: nothing, though the outage had ten minutes left and the next burst was due at 10h.
    expect(after.length).toBeGreaterThan(5000);
    expect(after.filter((e) => e.serving !== null || e.incidents.length > 0)).toHaveLength(0);
    const kept = run(false).events.filter((e) => e.time > at);
    expect(kept.some((e) => e.serving?.unavailable)).toBe(true);
    expect(kept.some((e) => e.time >= T0 + 10 * HOUR && e.serving?.failStatus === 503)).toBe(true);
  });
});

describe('abuse traffic added live', () => {
  it('floods while running, goes on flooding while paused (held) and stops on abort (credit-scraper-flood)', () => {
    // 25 extra requests per second from one client, from 7h after the incident's start for 2h.
    const sc = resolveScenario('credit-scraper-flood');
    const sim = new Simulation(options(sc.seed));
    const events: Snap[] = [];
    advance(sim, T0 + 30 * MINUTE, events);
    const at = sim.now;
    sim.startIncident('flood', sc, at);
    const from = at + 7 * HOUR;
    sim.pauseIncident('flood', from + 10 * MINUTE);
    sim.resumeIncident('flood', from + 40 * MINUTE);
    sim.abortIncident('flood', from + 50 * MINUTE);
    for (let e = sim.next(); e.time < from + 3 * HOUR; e = sim.next())
      if (e.time >= from - 10 * MINUTE) events.push(snap(e));
    const abusive = events.filter((e) => !isOrdinaryClient(e.client));
    const on = (t: number) => t >= from && t < from + 50 * MINUTE;
    expect(abusive.filter((e) => !on(e.time))).toHaveLength(0);
    expect(new Set(abusive.map((e) => e.client)).size).toBe(1);
    // Each 10-minute stretch, running or paused: a Poisson count with mean 25 · 600.
    for (const start of [
      from,
      from + 10 * MINUTE,
      from + 20 * MINUTE,
      from + 30 * MINUTE,
      from + 40 * MINUTE,
    ]) {
      const n = between(abusive, start, start + 10 * MINUTE).length;
      expect(Math.abs(n - 15_000)).toBeLessThanOrEqual(4 * Math.sqrt(15_000));
    }
    expect(
      abusive.filter((e) => e.incidents.join() !== 'flood/flood' || !Number.isNaN(e.feedbackAt)),
    ).toHaveLength(0);
    // Ordinary traffic is the baseline's, request for request.
    const ordinary = events.filter((e) => isOrdinaryClient(e.client) && e.time >= from - 10 * MINUTE);
    const base = until(new Simulation(options(sc.seed)), from + 3 * HOUR, from - 10 * MINUTE);
    expect(ordinary).toHaveLength(base.length);
    expect(ordinary.filter((e, i) => !sameEvent(e, base[i], false))).toHaveLength(0);
    expect(statusOf(sim, 'flood')).toMatchObject({
      state: 'aborted',
      abortedAt: from + 50 * MINUTE,
      end: from + 2.5 * HOUR,
    });
  });

  it('probes the fraud model live and stops on abort (fraud-boundary-probing)', () => {
    const sc = resolveScenario('fraud-boundary-probing');
    const sim = new Simulation(options(sc.seed, fraud));
    const events: Snap[] = [];
    advance(sim, T0 + 10 * MINUTE, events);
    sim.startIncident('probe', sc, sim.now);
    advance(sim, T0 + 7.5 * HOUR, events);
    const at = sim.now;
    sim.abortIncident('probe', at);
    for (let e = sim.next(); e.time < T0 + 9 * HOUR; e = sim.next()) events.push(snap(e));
    const abusive = events.filter((e) => !isOrdinaryClient(e.client));
    // 2 requests per second from 7h10m to the abort: a Poisson count.
    const expected = 2 * ((at - (T0 + 10 * MINUTE + 7 * HOUR)) / 1000);
    expect(Math.abs(abusive.length - expected)).toBeLessThanOrEqual(4 * Math.sqrt(expected) + 2);
    expect(abusive.filter((e) => e.time > at)).toHaveLength(0);
  });
});

describe('every category follows pause, resume and abort', () => {
  // For each built-in scenario, live with its first step 10 minutes after the start (its timeline
  // moved earlier, to keep the run short): paused 10 minutes after that step begins, resumed 20
  // minutes later, aborted 10 minutes after that. After the abort the events are the baseline's
  // exactly (duplicates and abusive requests counted apart); in both running stretches, and while
  // paused (held at the level it had reached), the incident acts. The steps' clocks stand still
  // while paused, so the second stretch is the second 10 minutes of the shapes (the recurring ones
  // are on for 20 minutes or more). At 5 requests a second, even the slowest ramp
  // (credit-gig-economy's) acts on a few events in each.
  const cases = builtinScenarios().map((sc) => [sc.id, sc] as const);

  it.each(cases)('%s', (_, sc: Scenario) => {
    const world = getWorld(sc.worlds[0])!;
    const s0 = Math.min(...sc.timeline.filter((s) => s.target.world === world.name).map((s) => s.start));
    const moved: Scenario = { ...sc, timeline: sc.timeline.map((s) => ({ ...s, start: s.start - s0 })) };
    const first = T0 + 10 * MINUTE;
    const pause = first + 10 * MINUTE;
    const resume = pause + 20 * MINUTE;
    const abort = resume + 10 * MINUTE;
    const end = abort + 10 * MINUTE;
    const traffic = { ...FLAT, rate: 5 };
    const sim = new Simulation(options(sc.seed, world, { traffic }));
    sim.startIncident('tutor', moved, first);
    sim.pauseIncident('tutor', pause);
    sim.resumeIncident('tutor', resume);
    sim.abortIncident('tutor', abort);
    const baseline = new Simulation(options(sc.seed, world, { traffic }));
    // Up to the first step, events are the baseline's; skip them cheaply.
    let e: SimEvent;
    for (e = sim.next(); e.time < first - MINUTE; e = sim.next()) baseline.next();
    let b = baseline.next();
    const acts = [0, 0, 0];
    const mismatches: string[] = [];
    // The rotating hyperplane keeps the angle it reached when paused (its weights are the world's
    // state): only its own events' labels would differ, so it is checked for stopping, not sameness.
    const stateful = world.name === 'hyperplane';
    // A duplicate is the previous request again: same time and client (two arrivals can share a
    // floating-point time, but hardly a client too).
    let previousTime = NaN;
    let previousClient = '';
    for (; e.time < end; e = sim.next()) {
      const running = e.time >= first && e.time < abort;
      const stretch = e.time < pause ? 0 : e.time < resume ? 2 : 1;
      const duplicate = e.time === previousTime && e.client === previousClient;
      previousTime = e.time;
      previousClient = e.client;
      if (duplicate || !isOrdinaryClient(e.client)) {
        if (running) acts[stretch]++;
        else mismatches.push(`${new Date(e.time).toISOString()}: ${duplicate ? 'duplicate' : 'abuse'}`);
        continue;
      }
      const mine = snap(e);
      const theirs = snap(b);
      if (running && !sameEvent(mine, theirs, false)) acts[stretch]++;
      const labelsAside = (s: Snap) => ({ ...s, label: 0, feedbackLabel: 0 });
      const identical =
        stateful && e.time >= pause
          ? sameEvent(labelsAside(mine), labelsAside(theirs))
          : sameEvent(mine, theirs);
      if (!running && !identical) mismatches.push(`${new Date(e.time).toISOString()}: differs`);
      b = baseline.next();
    }
    expect(mismatches.slice(0, 5)).toEqual([]);
    expect(acts[0]).toBeGreaterThan(0);
    expect(acts[1]).toBeGreaterThan(0);
    expect(acts[2]).toBeGreaterThan(0); // held while paused
  });
});

describe('prior shift and label feedback follow the incident', () => {
  it('raises the positive share while running, holds it while paused (fraud-attack-wave)', () => {
    // Prior shift to 8 % positives from 8h, gradual over 2h. Paused 12h–13h, aborted at 15h.
    const sc = resolveScenario('fraud-attack-wave');
    const sim = new Simulation(options(sc.seed, fraud));
    sim.startIncident('wave', sc, T0);
    sim.pauseIncident('wave', T0 + 12 * HOUR);
    sim.resumeIncident('wave', T0 + 13 * HOUR);
    sim.abortIncident('wave', T0 + 15 * HOUR);
    const live = until(sim, T0 + 15.5 * HOUR, T0 + 9.5 * HOUR);
    const base = until(new Simulation(options(sc.seed, fraud)), T0 + 15.5 * HOUR, T0 + 9.5 * HOUR);
    expect(live).toHaveLength(base.length);
    const share = (events: readonly Snap[]) => events.filter((e) => e.label === 1).length / events.length;
    // Paused at 12h, where the step's weight was above 0.88 already: held there until 13h.
    const running = between(live, T0 + 10 * HOUR, T0 + 15 * HOUR);
    // The step's weight is above 0.88 from 10h (scenario time): the share is at least that mix.
    const low = 0.88 * 0.08 + 0.12 * share(base);
    expect(share(running)).toBeGreaterThan(low - binomialTolerance(low, running.length));
    expect(share(running)).toBeLessThan(0.08 + binomialTolerance(0.08, running.length));
    const quiet = (e: Snap, i: number) => (e.time >= T0 + 15 * HOUR ? !sameEvent(e, base[i]) : false);
    expect(live.filter(quiet)).toHaveLength(0);
  });

  it('loses and delays labels while running and while paused, not after the abort (credit-label-starvation)', () => {
    // 85 % of labels dropped and the rest 6 times later, from 6h for 12h. Paused 8h–10h, aborted at 12h.
    const sc = resolveScenario('credit-label-starvation');
    const sim = new Simulation(options(sc.seed));
    sim.startIncident('starve', sc, T0);
    sim.pauseIncident('starve', T0 + 8 * HOUR);
    sim.resumeIncident('starve', T0 + 10 * HOUR);
    sim.abortIncident('starve', T0 + 12 * HOUR);
    const live = until(sim, T0 + 14 * HOUR, T0 + 6 * HOUR);
    const delivered = (events: readonly Snap[]) =>
      events.filter((e) => !Number.isNaN(e.feedbackAt)).length / events.length;
    for (const from of [6, 8, 10]) {
      const w = between(live, T0 + from * HOUR, T0 + (from + 2) * HOUR);
      expect(Math.abs(delivered(w) - 0.9 * 0.15)).toBeLessThanOrEqual(binomialTolerance(0.135, w.length));
    }
    for (const from of [12]) {
      const w = between(live, T0 + from * HOUR, T0 + (from + 2) * HOUR);
      expect(Math.abs(delivered(w) - 0.9)).toBeLessThanOrEqual(binomialTolerance(0.9, w.length));
    }
  });
});

describe('determinism', () => {
  /** Two incidents touching every part of the engine, one of them with abuse traffic. */
  const busy = scenario(credit, [
    step(
      'mean-shift',
      { world: 'credit', feature: 'annual_income' },
      { by: -5000 },
      { id: 'income', shape: { type: 'gradual', width: 20 * MINUTE, position: 10 * MINUTE } },
    ),
    step('missing-values', { world: 'credit', feature: 'age' }, { rate: 0.1 }, { id: 'missing' }),
    step('duplicate-records', { world: 'credit' }, { rate: 0.05 }, { id: 'dup' }),
    step('label-flip', { world: 'credit' }, { rate: 0.2 }, { id: 'flip' }),
    step(
      'error-burst',
      { world: 'credit' },
      { rate: 0.1 },
      { id: 'errors', shape: { type: 'incremental', ramp: HOUR } },
    ),
    step(
      'concept-change',
      { world: 'credit' },
      { set: { b_utilization: 3 } },
      { id: 'concept', shape: { type: 'gradual', width: HOUR, position: HOUR } },
    ),
    step(
      'prior-shift',
      { world: 'credit' },
      { positiveRate: 0.3 },
      { id: 'prior', start: 20 * MINUTE, duration: 20 * MINUTE },
    ),
  ]);
  const abuse = scenario(credit, [
    step(
      'request-flood',
      { world: 'credit' },
      { rate: 5 },
      { id: 'flood', start: 5 * MINUTE, duration: 30 * MINUTE },
    ),
    step('boundary-probing', { world: 'credit' }, { rate: 0.5 }, { id: 'probe' }),
  ]);
  const CALLS: [string, string, number][] = [
    ['start', 'a', T0 + 10 * MINUTE],
    ['start', 'b', T0 + 15 * MINUTE],
    ['pause', 'a', T0 + 30 * MINUTE],
    ['pause', 'b', T0 + 35 * MINUTE],
    ['resume', 'a', T0 + 50 * MINUTE],
    ['resume', 'b', T0 + 55 * MINUTE],
    ['abort', 'b', T0 + 70 * MINUTE],
  ];
  const END = T0 + 90 * MINUTE;

  function call(sim: Simulation, [action, id, at]: [string, string, number], names: Record<string, string>) {
    const name = names[id];
    if (action === 'start') sim.startIncident(name, id === 'a' ? busy : abuse, at);
    else if (action === 'pause') sim.pauseIncident(name, at);
    else if (action === 'resume') sim.resumeIncident(name, at);
    else sim.abortIncident(name, at);
  }

  /** JSONL lines, with every call made up front or each made just before its time. */
  function lines(upFront: boolean, names = { a: 'a', b: 'b' }): string[] {
    const sim = new Simulation(options(42, credit, { traffic: { ...FLAT, rate: 3 } }));
    const formatter = new JsonlFormatter(credit);
    const out: string[] = [];
    if (upFront) for (const c of CALLS) call(sim, c, names);
    let pending = upFront ? [] : [...CALLS];
    for (let e = sim.next(); e.time < END; e = sim.next()) {
      out.push(formatter.format(e));
      // The next call once the events are within 3 seconds of its time (so it is not in the past).
      while (pending.length > 0 && e.time >= pending[0][2] - 3000) {
        call(sim, pending[0], names);
        pending = pending.slice(1);
      }
    }
    return out;
  }

  it('gives identical events for the same seed and the same calls at the same times', () => {
    const a = lines(true);
    expect(lines(true)).toEqual(a);
    // Whether a call is made ahead of time or just in time makes no difference.
    expect(lines(false)).toEqual(a);
    const text = a.join('');
    for (const needle of ['"age":null', '"failStatus":500', '"a/income"', '"b/flood"'])
      expect(text).toContain(needle);
  });

  it("draws an incident's effects from streams named by its id", () => {
    const a = lines(true);
    const renamed = lines(true, { a: 'x', b: 'y' }).map((l) =>
      l.replace(/"x\//g, '"a/').replace(/"y\//g, '"b/'),
    );
    // Same ordinary traffic, different coins: the incidents' events differ.
    expect(renamed.filter((l, i) => l !== a[i]).length).toBeGreaterThan(100);
    expect(renamed.slice(0, 100)).toEqual(a.slice(0, 100));
  });
});

describe('stream isolation', () => {
  const N_END = T0 + 2 * HOUR;
  const gradualIncome = step(
    'mean-shift',
    { world: 'credit', feature: 'annual_income' },
    { by: 3000 },
    { id: 'income', shape: { type: 'gradual', width: 20 * MINUTE, position: 10 * MINUTE } },
  );
  const regionMix = step(
    'category-mix',
    { world: 'credit', feature: 'region' },
    { weights: { east: 1 } },
    { id: 'mix' },
  );
  const others = (...skip: number[]) => credit.features.map((_, j) => j).filter((j) => !skip.includes(j));
  const differing = (a: readonly Snap[], b: readonly Snap[], js: readonly number[]) =>
    a.filter(
      (e, i) =>
        e.time !== b[i].time ||
        e.client !== b[i].client ||
        js.some((j) => e.truth[j] !== b[i].truth[j] || e.values[j] !== b[i].values[j]),
    );

  it('leaves the other features of every event as they were without the incident', () => {
    const base = until(new Simulation(options(5)), N_END);
    const sim = new Simulation(options(5));
    sim.startIncident('inc', scenario(credit, [gradualIncome]), T0 + 10 * MINUTE);
    const live = until(sim, N_END);
    expect(live).toHaveLength(base.length);
    expect(differing(live, base, others(INCOME))).toHaveLength(0);
    expect(live.filter((e, i) => e.truth[INCOME] !== base[i].truth[INCOME]).length).toBeGreaterThan(1000);
  });

  it("shifts neither the constructor scenario's streams nor another incident's", () => {
    const sc = scenario(credit, [gradualIncome]);
    const alone = until(new Simulation({ ...options(6), scenario: sc }), N_END);
    const sim = new Simulation({ ...options(6), scenario: sc });
    sim.startIncident('mix', scenario(credit, [regionMix]), T0 + 20 * MINUTE);
    const both = until(sim, N_END);
    expect(differing(both, alone, others(REGION))).toHaveLength(0);
    expect(between(both, T0 + 20 * MINUTE, N_END).filter((e) => e.values[REGION] !== 'east')).toHaveLength(0);
    // Two incidents: the first one's coins are the same whether or not the second is started.
    const one = new Simulation(options(7));
    one.startIncident('income', sc, T0);
    const two = new Simulation(options(7));
    two.startIncident('income', sc, T0);
    two.startIncident('mix', scenario(credit, [regionMix]), T0 + 30 * MINUTE);
    expect(differing(until(two, N_END), until(one, N_END), others(REGION))).toHaveLength(0);
  });
});

describe('incident control', () => {
  const sc = scenario(credit, [
    step('mean-shift', { world: 'credit', feature: 'annual_income' }, { by: 1000 }, { id: 'up' }),
  ]);

  it('refuses bad calls with clear errors and leaves the simulation as it was', () => {
    const sim = new Simulation(options(8));
    sim.next();
    sim.startIncident('one', sc, T0 + HOUR);
    expectRefused(
      () => sim.startIncident('', sc, T0 + HOUR),
      'invalid',
      /incident id: expected a non-empty string/,
    );
    expectRefused(() => sim.startIncident('a/b', sc, T0 + HOUR), 'invalid', /without "\/"/);
    expectRefused(
      () => sim.startIncident('one', sc, T0 + HOUR),
      'duplicate',
      /incident "one" already exists/,
    );
    expectRefused(
      () => sim.pauseIncident('nope', T0 + HOUR),
      'unknown',
      /unknown incident "nope"; expected one of: one/,
    );
    expectRefused(
      () => sim.startIncident('two', sc, T0 - 1),
      'past',
      /before the simulation's now 2026-01-05T00:00:\d\d\.\d{3}Z: time only moves forward/,
    );
    expectRefused(
      () => sim.startIncident('two', sc, NaN),
      'invalid',
      /at: expected finite epoch milliseconds, got NaN/,
    );
    expectRefused(
      () => sim.resumeIncident('one', T0 + HOUR),
      'state',
      /cannot resume incident "one": it is not paused/,
    );
    sim.pauseIncident('one', T0 + 2 * HOUR);
    expectRefused(
      () => sim.pauseIncident('one', T0 + 3 * HOUR),
      'state',
      /cannot pause incident "one": it is paused/,
    );
    expectRefused(
      () => sim.resumeIncident('one', T0 + HOUR),
      'past',
      /before its last call, at 2026-01-05T02:00:00.000Z: time only moves forward/,
    );
    sim.abortIncident('one', T0 + 3 * HOUR);
    expectRefused(
      () => sim.abortIncident('one', T0 + 4 * HOUR),
      'state',
      /cannot abort incident "one": it is already aborted/,
    );
    expectRefused(
      () => sim.resumeIncident('one', T0 + 4 * HOUR),
      'state',
      /cannot resume incident "one": it is aborted/,
    );
    expectRefused(
      () => sim.pauseIncident('one', T0 + 4 * HOUR),
      'state',
      /cannot pause incident "one": it is aborted/,
    );
    const bad = scenario(credit, [
      step('mean-shift', { world: 'credit', feature: 'income' }, { by: 1 }, { id: 'x' }),
    ]);
    expectRefused(
      () => sim.startIncident('bad', bad, T0 + 4 * HOUR),
      'invalid',
      /incident "bad": timeline\[0\]: world "credit" has no feature "income"/,
    );
    // Nothing refused was recorded.
    expect(sim.incidents().map((i) => i.id)).toEqual(['one']);
    // Events before the last one are in the past too.
    const late = new Simulation(options(8));
    let e = late.next();
    while (e.time < T0 + HOUR) e = late.next();
    expect(late.now).toBe(e.time);
    expectRefused(() => late.startIncident('x', sc, e.time - 1), 'past', /time only moves forward/);
    expect(late.startIncident('x', sc, e.time)).toBe(1);
  });

  it('records a scenario for another world with no steps and changes nothing', () => {
    const base = until(new Simulation(options(9, fraud)), T0 + HOUR);
    const sim = new Simulation(options(9, fraud));
    expect(sim.startIncident('elsewhere', sc, T0)).toBe(0);
    sim.pauseIncident('elsewhere', T0 + 10 * MINUTE);
    sim.abortIncident('elsewhere', T0 + 20 * MINUTE);
    const live = until(sim, T0 + HOUR);
    expect(live.filter((e, i) => !sameEvent(e, base[i]))).toHaveLength(0);
    expect(sim.incidents()).toEqual([
      {
        id: 'elsewhere',
        scenario: 'test',
        state: 'aborted',
        steps: 0,
        start: T0,
        end: T0,
        startedAt: T0,
        pausedAt: null,
        abortedAt: T0 + 20 * MINUTE,
      },
    ]);
  });

  it("drops an ended incident's steps from the engine without changing any event", () => {
    // The flood ends at 2h; a later call (an incident that adds nothing) takes its step and traffic
    // source out of the engine's loops. The events are those of a run without that call.
    const flood = scenario(credit, [
      step('request-flood', { world: 'credit' }, { rate: 2 }, { id: 'flood', start: HOUR, duration: HOUR }),
    ]);
    const withCall = new Simulation(options(12));
    withCall.startIncident('flood', flood, T0);
    withCall.startIncident('nothing', resolveScenario('fraud-attack-wave'), T0 + 2.5 * HOUR);
    const without = new Simulation(options(12));
    without.startIncident('flood', flood, T0);
    const a = until(withCall, T0 + 3 * HOUR);
    const b = until(without, T0 + 3 * HOUR);
    expect(a).toHaveLength(b.length);
    expect(a.filter((e, i) => !sameEvent(e, b[i]))).toHaveLength(0);
    expect(a.filter((e) => !isOrdinaryClient(e.client)).length).toBeGreaterThan(5000);
    expect(statusOf(withCall, 'flood')).toMatchObject({
      state: 'ended',
      start: T0 + HOUR,
      end: T0 + 2 * HOUR,
    });
  });

  it('reports every incident with its schedule, open-ended ones ending at Infinity', () => {
    const sim = new Simulation(options(10));
    expect(sim.now).toBe(T0);
    sim.startIncident('open', sc, T0);
    sim.startIncident('later', resolveScenario('credit-scraper-flood'), T0 + HOUR);
    // A queued call does not move now: another incident may still start before it.
    expect(sim.now).toBe(T0);
    expect(sim.incidents()).toEqual([
      {
        id: 'open',
        scenario: 'test',
        state: 'scheduled',
        steps: 1,
        start: T0,
        end: Infinity,
        startedAt: T0,
        pausedAt: null,
        abortedAt: null,
      },
      {
        id: 'later',
        scenario: 'credit-scraper-flood',
        state: 'scheduled',
        steps: 1,
        start: T0 + 8 * HOUR,
        end: T0 + 10 * HOUR,
        startedAt: T0 + HOUR,
        pausedAt: null,
        abortedAt: null,
      },
    ]);
    until(sim, T0 + 2 * HOUR);
    expect(sim.incidents().map((i) => i.state)).toEqual(['running', 'scheduled']);
  });
});

describe('calls for different incidents queued out of time order', () => {
  it('take effect in time order, as if made in that order', () => {
    const drop = resolveScenario('credit-income-drop');
    const flood = resolveScenario('credit-scraper-flood');
    const inOrder = new Simulation(options(21));
    inOrder.startIncident('now', drop, T0 + HOUR);
    inOrder.startIncident('later', flood, T0 + 5 * HOUR);
    const outOfOrder = new Simulation(options(21));
    outOfOrder.startIncident('later', flood, T0 + 5 * HOUR);
    outOfOrder.startIncident('now', drop, T0 + HOUR);
    outOfOrder.abortIncident('now', T0 + 8 * HOUR);
    inOrder.abortIncident('now', T0 + 8 * HOUR);
    let differ = 0;
    for (let i = 0; i < 30_000; i++)
      if (JSON.stringify(toRecord(inOrder.next())) !== JSON.stringify(toRecord(outOfOrder.next()))) differ++;
    expect(differ).toBe(0);
    expect(outOfOrder.incidents().map((i) => [i.id, i.state])).toEqual([
      ['later', expect.any(String)],
      ['now', expect.any(String)],
    ]);
  });
});

describe('aborting an incident before its start', () => {
  it('cancels it: it never acts', () => {
    const drop = resolveScenario('credit-income-drop');
    const baseline = new Simulation(options(22));
    const cancelled = new Simulation(options(22));
    cancelled.startIncident('later', drop, T0 + HOUR);
    cancelled.abortIncident('later', T0);
    let differ = 0;
    for (let i = 0; i < 40_000; i++)
      if (JSON.stringify(toRecord(cancelled.next())) !== JSON.stringify(toRecord(baseline.next()))) differ++;
    expect(differ).toBe(0);
    expect(cancelled.incidents().map((i) => i.state)).toEqual(['aborted']);
  });
});
