import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { EventForwarder } from './event-forwarder';

/** A receiver on `port` (0: any) that keeps every item it is sent. */
async function receiver(port = 0): Promise<{ server: Server; items: number[]; url: string }> {
  const items: number[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      items.push(...(JSON.parse(body) as { labels: number[] }).labels);
      res.end('{}');
    });
  }).listen(port, '127.0.0.1');
  await once(server, 'listening');
  return {
    server,
    items,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/events/labels`,
  };
}

describe('EventForwarder', () => {
  it('keeps what it could not send while the other side was down, and sends it once it is back, in order', async () => {
    const first = await receiver();
    const port = (first.server.address() as AddressInfo).port;
    first.server.close();
    await once(first.server, 'close');
    const forwarder = new EventForwarder<number>(first.url, 'labels', {
      maxBatch: 10,
      maxQueued: 1000,
      intervalMs: 50,
    });
    for (let i = 0; i < 95; i++) forwarder.push(i);
    await sleep(300); // several sends fail meanwhile
    expect(forwarder.sent).toBe(0);
    const back = await receiver(port);
    for (let i = 95; i < 100; i++) forwarder.push(i);
    await forwarder.close();
    expect(back.items).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect([forwarder.sent, forwarder.dropped]).toEqual([100, 0]);
    back.server.close();
  });

  it('drops, and counts, what does not fit in its queue or is still unsent when it must stop', async () => {
    const forwarder = new EventForwarder<number>('http://127.0.0.1:9/v1/events/labels', 'labels', {
      maxBatch: 10,
      maxQueued: 30,
      intervalMs: 50,
    });
    for (let i = 0; i < 40; i++) forwarder.push(i);
    await forwarder.close(300);
    expect([forwarder.sent, forwarder.dropped]).toEqual([0, 40]);
  });
});
