import { requestId } from '@driftlab/contracts';
import { sentFeatures, type SimEvent } from '@driftlab/simulator';
import { FAULT_HEADER, faultToHeader, type RequestFault } from '@driftlab/serving';

/** Where the sender arranges the serving faults the simulator drew for an event (serving's control side). */
export interface FaultControl {
  expectRequest(requestId: string, fault: RequestFault): void;
}

/** Requests in one micro-batch at most. */
const MAX_BATCH = 64;
/** Requests waiting for a slot at most: beyond, the live lab's traffic waits (whenReady). */
const MAX_BUFFERED = 1024;

/** A request waiting for a slot: its id, its instance as JSON, its event time. */
interface Queued {
  readonly id: string;
  readonly instance: string;
  readonly time: number;
}

export interface SenderOptions {
  /** Requests in flight at most (8: few enough that a busy serving gets micro-batches, not a queue of single requests). */
  readonly maxInFlight?: number;
  /** Serving in this process: its control side, told each request's fault before it is sent. */
  readonly faults?: FaultControl;
  /**
   * The tutor token, sent on every request: serving believes the X-Event-Time of requests that
   * carry it (anyone else's is replaced by serving's clock), and, in another process (no
   * `faults`), each request's own fault (FAULT_HEADER). Without `faults` or a token, scenario
   * serving faults are not carried out.
   */
  readonly token?: string;
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
 * are in flight. When every slot is busy (a high speed), the next requests wait and leave together
 * as one micro-batch of up to MAX_BATCH instances, each with its own request id (`request_ids`),
 * as real clients batch under load; requests with a serving fault always go alone. At most
 * MAX_BUFFERED wait, so a slow server never makes the simulator's memory grow: the live lab asks
 * `whenReady` before each send and holds its traffic (and its clock) until there is room.
 */
export class TrafficSender {
  readonly counts: SenderCounts = { sent: 0, answered: {}, failed: 0, dropped: 0 };
  private inFlight = 0;
  private readonly idle: (() => void)[] = [];
  private readonly waiting: (() => void)[] = [];
  /** Per world, the requests waiting for a free slot (sent as one micro-batch). */
  private readonly queues = new Map<string, Queued[]>();
  /** Faulted requests waiting for a slot: each goes alone. */
  private readonly solo: { world: string; item: Queued; headers: Record<string, string> }[] = [];
  private buffered = 0;

  private readonly maxInFlight: number;
  private readonly faults?: FaultControl;
  private readonly auth: Record<string, string>;
  private readonly run: number;

  constructor(
    private readonly baseUrl: string,
    options: SenderOptions = {},
  ) {
    this.maxInFlight = options.maxInFlight ?? 8;
    this.faults = options.faults;
    this.auth = options.token ? { authorization: `Bearer ${options.token}` } : {};
    this.run = options.run ?? 1;
  }

  send(event: SimEvent): void {
    const world = event.world.name;
    const id = requestId(world, event.id, this.run);
    // Serialise now: the simulator reuses the event object.
    const instance = JSON.stringify(sentFeatures(event));
    if (event.serving) return this.sendWithFault(event, id, instance);
    if (this.inFlight < this.maxInFlight && this.buffered === 0)
      return this.post(world, [{ id, instance, time: event.time }]);
    if (this.buffered >= MAX_BUFFERED) {
      this.counts.dropped++;
      return;
    }
    // Every slot busy: the request waits in its world's next micro-batch.
    let queue = this.queues.get(world);
    if (!queue) this.queues.set(world, (queue = []));
    queue.push({ id, instance, time: event.time });
    this.buffered++;
  }

  /** A request with a serving fault is one request, never batched: the fault is the request's. */
  private sendWithFault(event: SimEvent, id: string, instance: string): void {
    if (this.faults) this.faults.expectRequest(id, event.serving!);
    const headers: Record<string, string> =
      !this.faults && this.auth.authorization ? { [FAULT_HEADER]: faultToHeader(event.serving!) } : {};
    const solo = { world: event.world.name, item: { id, instance, time: event.time }, headers };
    if (this.inFlight < this.maxInFlight && this.buffered === 0)
      return this.post(solo.world, [solo.item], headers);
    if (this.buffered >= MAX_BUFFERED) {
      this.counts.dropped++;
      return;
    }
    this.solo.push(solo);
    this.buffered++;
  }

  /** POSTs `items` (one request, or a micro-batch of several) to `world`'s model. */
  private post(world: string, items: readonly Queued[], headers: Record<string, string> = {}): void {
    const batch = items.length > 1;
    const body = batch
      ? `{"instances":[${items.map((q) => q.instance).join(',')}],"request_ids":${JSON.stringify(items.map((q) => q.id))}}`
      : `{"instances":[${items[0].instance}]}`;
    this.inFlight++;
    this.counts.sent += items.length;
    fetch(`${this.baseUrl}/v1/models/${world}:predict`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-request-id': items[0].id,
        // A micro-batch carries the time of its last request (they are seconds apart at most).
        'x-event-time': String(items[items.length - 1].time),
        ...this.auth,
        ...headers,
      },
      body,
    })
      .then(async (res) => {
        await res.arrayBuffer();
        this.counts.answered[res.status] = (this.counts.answered[res.status] ?? 0) + items.length;
      })
      .catch(() => {
        this.counts.failed += items.length;
      })
      .finally(() => {
        this.inFlight--;
        this.sendQueued();
        if (this.buffered < MAX_BUFFERED) for (const resolve of this.waiting.splice(0)) resolve();
        if (this.inFlight === 0 && this.buffered === 0) for (const resolve of this.idle.splice(0)) resolve();
      });
  }

  /** Free slots take the waiting requests, a micro-batch of the longest queue at a time. */
  private sendQueued(): void {
    while (this.inFlight < this.maxInFlight && this.buffered > 0) {
      const solo = this.solo.shift();
      if (solo) {
        this.buffered--;
        this.post(solo.world, [solo.item], solo.headers);
        continue;
      }
      let world = '';
      let longest = 0;
      for (const [w, queue] of this.queues) if (queue.length > longest) [world, longest] = [w, queue.length];
      const items = this.queues.get(world)!.splice(0, MAX_BATCH);
      this.buffered -= items.length;
      this.post(world, items);
    }
  }

  /**
   * Undefined when the sender can take an event now (a free slot, or room in the micro-batches);
   * else a promise that resolves when it can.
   */
  whenReady(): Promise<void> | undefined {
    if (this.inFlight < this.maxInFlight || this.buffered < MAX_BUFFERED) return undefined;
    return new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  /** Resolves when no request is in flight or waiting. */
  async drain(): Promise<void> {
    if (this.inFlight === 0 && this.buffered === 0) return;
    await new Promise<void>((resolve) => this.idle.push(resolve));
  }
}
