import type { Request } from 'express';
import { EVENT_TIME_EXPECTED, isEventTime } from '@driftlab/contracts';

/**
 * The time a prediction request happened at, for every time window downstream. The lab's
 * simulator runs a clock of its own (simulated time, fast-forwarded) and says so in X-Event-Time;
 * anyone else's header is not believed: one request dated 2100 would otherwise move every window
 * of its model to a moment no other event reaches. An untrusted request is given serving's clock:
 * the latest time a trusted sender said (the simulated now), or the wall clock before any did.
 */
export class EventClock {
  private latestTrusted: number | undefined;

  constructor(
    private readonly trusted: (req: Request) => boolean,
    /** Told of each request whose X-Event-Time was not believed (it is counted). */
    private readonly onReplaced: () => void,
  ) {}

  /** The request's event time, or a refusal naming the header when a trusted sender's is not one. */
  timeOf(req: Request): { time: number } | { error: string } {
    const header = req.get('x-event-time');
    if (header === undefined) return { time: this.now() };
    if (!this.trusted(req)) {
      this.onReplaced();
      return { time: this.now() };
    }
    const t = /^\d+(\.\d+)?$/.test(header) ? Number(header) : Date.parse(header);
    if (!isEventTime(t))
      return { error: `X-Event-Time: expected ${EVENT_TIME_EXPECTED} or an ISO-8601 time in that range` };
    this.latestTrusted = Math.max(this.latestTrusted ?? t, t);
    return { time: t };
  }

  private now(): number {
    return this.latestTrusted ?? Date.now();
  }
}
