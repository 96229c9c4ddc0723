import { setTimeout as sleep } from 'node:timers/promises';
import {
  FeedbackQueue,
  ScaledClock,
  Simulation,
  type DueLabel,
  type Scenario,
  type SimEvent,
  type World,
} from '@driftlab/simulator';

export interface LiveOptions {
  readonly worlds: readonly World[];
  readonly seed: number;
  readonly speed: number;
  /** A scenario, applied to the simulations of the worlds it names. */
  readonly scenario?: Scenario;
  /** Stop after this much simulated time (ms); run until aborted without it. */
  readonly until?: number;
  /** Called with each event in time order across worlds (the event object is reused). */
  readonly onEvent: (event: SimEvent) => void;
  /**
   * Called with each delivered label at its feedback time, in time order with the events; `world`
   * says whose event `label.id` is. Without it labels are not scheduled.
   */
  readonly onLabel?: (label: DueLabel, world: World) => void;
  readonly signal?: AbortSignal;
  /** Called once the simulations exist, with what live control (incidents) needs. */
  readonly onStart?: (handle: LiveHandle) => void;
}

/** A running lab's simulations, for starting, pausing and aborting incidents in them. */
export interface LiveHandle {
  readonly simulations: readonly Simulation[];
  /**
   * Simulated epoch ms from which a control call takes effect: the clock's now, or the latest event
   * already generated (each simulation runs one event ahead), whichever is later.
   */
  now(): number;
}

/**
 * Runs several worlds' simulations against one scaled clock, interleaved in simulated-time order:
 * the live lab's traffic. Returns the simulated time it stopped at.
 */
const YIELD_EVERY = 64;

export async function runLive(options: LiveOptions): Promise<number> {
  const simulations = options.worlds.map(
    (world) =>
      new Simulation({
        world,
        seed: options.seed,
        scenario: options.scenario?.worlds.includes(world.name) ? options.scenario : undefined,
      }),
  );
  const start = simulations[0].startTime;
  const clock = new ScaledClock(start, options.speed);
  const end = options.until === undefined ? Infinity : start + options.until;
  const labels = options.onLabel ? new FeedbackQueue() : null;
  const deliverUntil = (time: number) => {
    if (!labels) return;
    for (let due = labels.popDue(time); due; due = labels.popDue(time))
      options.onLabel!(due, simulations[due.source].world);
  };
  const pending = simulations.map((s) => s.next());
  options.onStart?.({
    simulations,
    now: () => pending.reduce((t, e) => Math.max(t, e.time), Math.min(end, clock.now())),
  });
  let sinceYield = 0;
  for (;;) {
    let k = 0;
    for (let i = 1; i < pending.length; i++) if (pending[i].time < pending[k].time) k = i;
    const event = pending[k];
    if (event.time >= end || options.signal?.aborted) {
      const stoppedAt = Math.min(end, clock.now());
      deliverUntil(stoppedAt);
      return stoppedAt;
    }
    const wait = clock.realDelayUntil(event.time);
    if (wait > 0) {
      // Labels due meanwhile arrive on time; wake at least every 250 ms so an abort is seen promptly.
      deliverUntil(clock.now());
      await sleep(Math.min(wait, 250));
      continue;
    }
    // Behind the clock (a high speed), events are all due at once: let I/O run between bursts, or
    // the requests they start could not complete until the simulator caught up.
    if (++sinceYield === YIELD_EVERY) {
      sinceYield = 0;
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    deliverUntil(event.time);
    options.onEvent(event);
    labels?.push(k, event.id, event.feedbackAt, event.feedbackLabel);
    pending[k] = simulations[k].next();
  }
}
