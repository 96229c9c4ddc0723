import type { Logger } from 'winston';

/**
 * Sends items (prediction batches, labels) to another component over HTTP in batches: every
 * `intervalMs`, or sooner when `maxBatch` wait. At most `maxQueued` wait; beyond that, and when a
 * POST fails, items are dropped and counted (`dropped`), so a component that is down never makes
 * this one's memory grow. One POST in flight at a time keeps the order.
 */
export class EventForwarder<T> {
  private queue: T[] = [];
  private sending: Promise<void> | null = null;
  private readonly timer: NodeJS.Timeout;
  private warned = false;
  sent = 0;
  dropped = 0;

  constructor(
    private readonly url: string,
    /** The body's key: {"<key>": [items]}. */
    private readonly key: string,
    private readonly logger?: Logger,
    private readonly maxBatch = 500,
    private readonly maxQueued = 50_000,
    intervalMs = 250,
  ) {
    this.timer = setInterval(() => void this.flush(), intervalMs).unref();
  }

  push(item: T): void {
    if (this.queue.length >= this.maxQueued) {
      this.dropped++;
      return;
    }
    this.queue.push(item);
    if (this.queue.length >= this.maxBatch && !this.sending) void this.flush();
  }

  /** Sends what is queued now (and waits for a send already under way). */
  async flush(): Promise<void> {
    if (this.sending) return this.sending;
    if (this.queue.length === 0) return;
    const items = this.queue.splice(0, this.maxBatch);
    this.sending = fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ [this.key]: items }),
    })
      .then(async (res) => {
        await res.arrayBuffer();
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        this.sent += items.length;
        this.warned = false;
      })
      .catch((e: Error) => {
        this.dropped += items.length;
        if (!this.warned)
          this.logger?.warn('cannot forward events; dropping them until it answers', {
            url: this.url,
            error: e.message,
          });
        this.warned = true;
      })
      .finally(() => {
        this.sending = null;
      });
    return this.sending;
  }

  /** Sends everything queued, then stops the timer. */
  async close(): Promise<void> {
    clearInterval(this.timer);
    while (this.queue.length > 0 || this.sending) await this.flush();
  }
}
