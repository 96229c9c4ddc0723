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
  /** Simulated epoch ms the traffic starts at (the simulator's default start when absent). */
  readonly startTime?: number;
  /** A scenario, applied to the simulations of the worlds it names. */
  readonly scenario?: Scenario;
  /** Stop after this much simulated time (ms); run until aborted without it. */
  readonly until?: number;
  /** Called with each event in time order across worlds (the event object is reused). */
  readonly onEvent: (event: SimEvent) => void;
  /**
   * Backpressure: asked before each event; a promise holds the traffic until the consumer can take
   * more (serving is busy). The clock slows meanwhile: no event is skipped.
   */
  readonly ready?: () => Promise<void> | undefined;
  /**
   * Called with each delivered label at its feedback time, in time order with the events; `world`
   * says whose event `label.id` is. Without it labels are not scheduled.
   */
  readonly onLabel?: (label: DueLabel, world: World) => void;
  readonly signal?: AbortSignal;
  /** Called once the simulations exist, with what live control (incidents) needs. */
  readonly onStart?: (handle: LiveHandle) => void;
}

/** How fast the lab's simulated time really runs. */
export interface Pace {
  /** The speed asked for (`--speed`). */
  readonly asked: number;
  /** Simulated over real time in the last PACE_WINDOW_MS or so (the asked speed until measured). */
  readonly effective: number;
  /** Real ms since the traffic started. */
  readonly runningMs: number;
}

/** A running lab's simulations, for starting, pausing and aborting incidents in them. */
export interface LiveHandle {
  readonly simulations: readonly Simulation[];
  /**
   * Simulated epoch ms from which a control call takes effect: the traffic's own time (the latest
   * event already generated, each simulation running one event ahead, or the clock while it waits
   * for the next event). The clock never runs ahead of the traffic by more than a second of real
   * time, so whatever is scheduled from here is reached.
   */
  now(): number;
  pace(): Pace;
}

/** Events in a row before the loop lets I/O run, when it is behind the clock. */
const YIELD_EVERY = 64;
/** Real ms the clock may run ahead of the traffic before it is set back (the lab slows). */
const MAX_LEAD_REAL_MS = 1000;
/** Real ms of history the effective speed is measured over. */
const PACE_WINDOW_MS = 5_000;
/** Real ms after the start that the effective speed does not reach back into. */
const PACE_WARM_UP_MS = 2_000;

/**
 * Runs several worlds' simulations against one scaled clock, interleaved in simulated-time order:
 * the live lab's traffic. Returns the simulated time it stopped at.
 */
export async function runLive(options: LiveOptions): Promise<number> {
  const simulations = options.worlds.map(
    (world) =>
      new Simulation({
        world,
        seed: options.seed,
        startTime: options.startTime,
        scenario: options.scenario?.worlds.includes(world.name) ? options.scenario : undefined,
      }),
  );
  const start = simulations[0].startTime;
  const clock = new ScaledClock(start, options.speed);
  const pace = new PaceMeter(options.speed, start);
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
    pace: () => pace.read(),
  });
  const maxLead = MAX_LEAD_REAL_MS * options.speed;
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
      pace.sample(clock.now());
      await sleep(Math.min(wait, 250));
      continue;
    }
    const busy = options.ready?.();
    if (busy) {
      await busy;
      sinceYield = 0;
    } else if (++sinceYield === YIELD_EVERY) {
      // Behind the clock (a high speed), events are all due at once: let I/O run between bursts, or
      // the requests they start could not complete until the simulator caught up.
      sinceYield = 0;
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    // What the lab could not keep up with slows the clock: it never runs away from the traffic.
    clock.holdTo(event.time, maxLead);
    pace.sample(event.time);
    deliverUntil(event.time);
    options.onEvent(event);
    labels?.push(k, event.id, event.feedbackAt, event.feedbackLabel);
    pending[k] = simulations[k].next();
  }
}

/** Simulated time against real time, kept about every 250 ms, over the last PACE_WINDOW_MS. */
class PaceMeter {
  private readonly samples: { real: number; sim: number }[] = [];
  private readonly began = performance.now();
  private latest: number;

  constructor(
    private readonly asked: number,
    start: number,
  ) {
    this.latest = start;
    this.samples.push({ real: performance.now(), sim: start });
  }

  sample(simTime: number): void {
    this.latest = simTime;
    const real = performance.now();
    if (real - this.samples[this.samples.length - 1].real < 250) return;
    this.samples.push({ real, sim: simTime });
    // The window is the last PACE_WINDOW_MS, never reaching back into the first PACE_WARM_UP_MS
    // (starting up is slower than running).
    while (
      this.samples.length > 2 &&
      (real - this.samples[1].real >= PACE_WINDOW_MS || this.samples[1].real - this.began <= PACE_WARM_UP_MS)
    )
      this.samples.shift();
  }

  read(): Pace {
    const first = this.samples[0];
    const now = performance.now();
    const real = now - first.real;
    const effective = real > 100 ? (this.latest - first.sim) / real : this.asked;
    return { asked: this.asked, effective, runningMs: now - this.began };
  }
}
