import { setTimeout as sleep } from 'node:timers/promises';
import { ScaledClock, Simulation, type SimEvent, type World } from '@driftlab/simulator';

export interface LiveOptions {
  readonly worlds: readonly World[];
  readonly seed: number;
  readonly speed: number;
  /** Stop after this much simulated time (ms); run until aborted without it. */
  readonly until?: number;
  /** Called with each event in time order across worlds (the event object is reused). */
  readonly onEvent: (event: SimEvent) => void;
  readonly signal?: AbortSignal;
}

/**
 * Runs several worlds' simulations against one scaled clock, interleaved in simulated-time order:
 * the live lab's traffic. Returns the simulated time it stopped at.
 */
export async function runLive(options: LiveOptions): Promise<number> {
  const simulations = options.worlds.map((world) => new Simulation({ world, seed: options.seed }));
  const start = simulations[0].startTime;
  const clock = new ScaledClock(start, options.speed);
  const end = options.until === undefined ? Infinity : start + options.until;
  const pending = simulations.map((s) => s.next());
  for (;;) {
    let k = 0;
    for (let i = 1; i < pending.length; i++) if (pending[i].time < pending[k].time) k = i;
    const event = pending[k];
    if (event.time >= end || options.signal?.aborted) return Math.min(end, clock.now());
    const wait = clock.realDelayUntil(event.time);
    if (wait > 0) {
      // Wake at least every 250 ms so an abort is seen promptly.
      await sleep(Math.min(wait, 250));
      continue;
    }
    options.onEvent(event);
    pending[k] = simulations[k].next();
  }
}
