import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'winston';

/** How long after a failed POST the next one is tried. */
const RETRY_MS = 500;

/**
 * Sends items (prediction batches, labels) to another component over HTTP in batches: every
 * `intervalMs`, or sooner when `maxBatch` wait. One POST in flight at a time keeps the order. When a
 * POST fails (the other component is down or restarting), its items go back to the front of the
 * queue and are sent again after RETRY_MS, so a restart loses nothing; at most `maxQueued` wait,
 * and beyond that items are dropped and counted (`dropped`), so a component that stays down never
 * makes this one's memory grow.
 */
export interface ForwarderOptions {
  readonly logger?: Logger;
  /** Items per POST. */
  readonly maxBatch?: number;
  /** Items waiting beyond which new ones are dropped (and counted). */
  readonly maxQueued?: number;
  readonly intervalMs?: number;
  /** Sent as `Authorization: Bearer …`: the exporter's ingest requires the tutor token. */
  readonly token?: string;
}

export class EventForwarder<T> {
  private queue: T[] = [];
  private sending: Promise<void> | null = null;
  private readonly timer: NodeJS.Timeout;
  private warned = false;
  /** No POST before this (performance.now ms) after a failure. */
  private retryAt = 0;
  sent = 0;
  dropped = 0;

  private readonly logger?: Logger;
  private readonly maxBatch: number;
  private readonly maxQueued: number;
  private readonly headers: Record<string, string>;

  constructor(
    private readonly url: string,
    /** The body's key: {"<key>": [items]}. */
    private readonly key: string,
    options: ForwarderOptions = {},
  ) {
    this.logger = options.logger;
    this.maxBatch = options.maxBatch ?? 500;
    this.maxQueued = options.maxQueued ?? 50_000;
    // The exporter's ingest takes events only from the lab's own processes: the tutor token.
    this.headers = {
      'content-type': 'application/json',
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
    };
    this.timer = setInterval(() => void this.flush(), options.intervalMs ?? 250).unref();
  }

  push(item: T): void {
    if (this.queue.length >= this.maxQueued) return this.drop(1, `more than ${this.maxQueued} items waiting`);
    this.queue.push(item);
    if (this.queue.length >= this.maxBatch && !this.sending) void this.flush();
  }

  /** Sends what is queued now (and waits for a send already under way). */
  async flush(): Promise<void> {
    if (this.sending) return this.sending;
    if (this.queue.length === 0 || performance.now() < this.retryAt) return;
    const items = this.queue.splice(0, this.maxBatch);
    this.sending = fetch(this.url, {
      method: 'POST',
      headers: this.headers,
      body: JSON.stringify({ [this.key]: items }),
    })
      .then(async (res) => {
        await res.arrayBuffer();
        // A refused body (4xx) would be refused again: dropped and counted. Anything else is retried.
        if (res.status >= 400 && res.status < 500) this.drop(items.length, `HTTP ${res.status}`);
        else if (!res.ok) this.keep(items, `HTTP ${res.status}`);
        else {
          this.sent += items.length;
          this.warned = false;
        }
      })
      .catch((e: Error) => this.keep(items, e.message))
      .finally(() => {
        this.sending = null;
      });
    return this.sending;
  }

  /**
   * Sends everything queued, then stops the timer. The other side gets `patienceMs` to answer;
   * what it has not taken by then is dropped and counted.
   */
  async close(patienceMs = 5000): Promise<void> {
    clearInterval(this.timer);
    const until = performance.now() + patienceMs;
    while ((this.queue.length > 0 || this.sending) && performance.now() < until) {
      await this.flush();
      if (!this.sending && this.queue.length > 0) await sleep(Math.max(0, this.retryAt - performance.now()));
    }
    await this.sending;
    if (this.queue.length > 0) this.drop(this.queue.splice(0).length, 'stopped before it answered');
  }

  /** A failed POST's items go back to the front of the queue, as far as it has room. */
  private keep(items: T[], error: string): void {
    const room = Math.max(0, this.maxQueued - this.queue.length);
    this.queue.unshift(...items.slice(0, room));
    this.retryAt = performance.now() + RETRY_MS;
    if (items.length > room) this.drop(items.length - room, error);
    else this.warn(error, 'cannot forward events; keeping them to send again until it answers');
  }

  private drop(count: number, error: string): void {
    this.dropped += count;
    this.warn(error, 'cannot forward events; dropping them');
  }

  private warn(error: string, message: string): void {
    if (!this.warned) this.logger?.warn(message, { url: this.url, error });
    this.warned = true;
  }
}
