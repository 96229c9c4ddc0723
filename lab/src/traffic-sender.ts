import { requestId } from '@driftlab/contracts';
import { sentFeatures, type SimEvent } from '@driftlab/simulator';
import { FAULT_HEADER, faultToHeader, type RequestFault } from '@driftlab/serving';

/** Where the sender arranges the serving faults the simulator drew for an event (serving's control side). */
export interface FaultControl {
  expectRequest(requestId: string, fault: RequestFault): void;
}

export interface SenderOptions {
  /** Requests in flight at most (64). */
  readonly maxInFlight?: number;
  /** Serving in this process: its control side, told each request's fault before it is sent. */
  readonly faults?: FaultControl;
  /**
   * Serving in another process: the tutor token, which lets each request carry its own fault
   * (FAULT_HEADER). Without either, scenario serving faults are not carried out.
   */
  readonly faultToken?: string;
  /** The lab's run on its data directory: part of every request id (contracts' requestId). */
  readonly run?: number;
}

/** What happened to the requests the simulator sent. */
export interface SenderCounts {
  sent: number;
  answered: Record<string, number>;
  /** Sent but not answered: serving down or unreachable (connection refused, reset). */
  failed: number;
  /**
   * Not sent because too many requests were already in flight. The live lab waits for a free slot
   * (`whenReady`) before sending, so this stays 0 there; a caller that does not wait sees it count.
   */
  dropped: number;
}

/**
 * Sends simulated requests to serving over real HTTP, like any client: the event's payload as
 * sent, its id as X-Request-Id, its simulated time as X-Event-Time. At most `maxInFlight` requests
 * wait at once, so a slow server never makes the simulator's memory grow: the live lab asks
 * `whenReady` before each send and holds its traffic (and its clock) until a slot is free.
 */
export class TrafficSender {
  readonly counts: SenderCounts = { sent: 0, answered: {}, failed: 0, dropped: 0 };
  private inFlight = 0;
  private readonly idle: (() => void)[] = [];
  private readonly waiting: (() => void)[] = [];

  private readonly maxInFlight: number;
  private readonly faults?: FaultControl;
  private readonly faultToken?: string;
  private readonly run: number;

  constructor(
    private readonly baseUrl: string,
    options: SenderOptions = {},
  ) {
    this.maxInFlight = options.maxInFlight ?? 64;
    this.faults = options.faults;
    this.faultToken = options.faultToken;
    this.run = options.run ?? 1;
  }

  send(event: SimEvent): void {
    if (this.inFlight >= this.maxInFlight) {
      this.counts.dropped++;
      return;
    }
    // Serialise now: the simulator reuses the event object.
    const body = JSON.stringify({ instances: [sentFeatures(event)] });
    const url = `${this.baseUrl}/v1/models/${event.world.name}:predict`;
    const id = requestId(event.world.name, event.id, this.run);
    if (event.serving && this.faults) this.faults.expectRequest(id, event.serving);
    const remoteFault =
      event.serving && !this.faults && this.faultToken
        ? { authorization: `Bearer ${this.faultToken}`, [FAULT_HEADER]: faultToHeader(event.serving) }
        : {};
    this.inFlight++;
    this.counts.sent++;
    fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-request-id': id,
        'x-event-time': String(event.time),
        ...remoteFault,
      },
      body,
    })
      .then(async (res) => {
        await res.arrayBuffer();
        this.counts.answered[res.status] = (this.counts.answered[res.status] ?? 0) + 1;
      })
      .catch(() => {
        this.counts.failed++;
      })
      .finally(() => {
        this.inFlight--;
        this.waiting.shift()?.();
        if (this.inFlight === 0) for (const resolve of this.idle.splice(0)) resolve();
      });
  }

  /** Undefined when a request can be sent now; else a promise that resolves when one can. */
  whenReady(): Promise<void> | undefined {
    if (this.inFlight < this.maxInFlight) return undefined;
    return new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  /** Resolves when no request is in flight. */
  async drain(): Promise<void> {
    if (this.inFlight === 0) return;
    await new Promise<void>((resolve) => this.idle.push(resolve));
  }
}
