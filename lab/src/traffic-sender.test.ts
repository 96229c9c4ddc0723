import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getWorld, resolveScenario, Simulation } from '@driftlab/simulator';
import { startServing, type RunningServing } from './start';
import { TrafficSender } from './traffic-sender';

describe('TrafficSender', () => {
  let dir: string;
  let serving: RunningServing;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'driftlab-sender-'));
    serving = await startServing({
      registryDir: join(dir, 'registry'),
      worlds: [getWorld('credit')!],
      seed: 1,
      port: 0,
    });
  });
  afterAll(async () => {
    await serving.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("has serving carry out a scenario's serving faults, request by request, exactly as drawn", async () => {
    // credit-error-storm: 30 % of requests fail with 503 in bursts from 6h; unavailable 9h–9h15m.
    const simulation = new Simulation({
      world: getWorld('credit')!,
      seed: 3,
      scenario: resolveScenario('credit-error-storm'),
    });
    const sender = new TrafficSender(serving.url, { faults: serving.faults });
    const expected: Record<string, number> = {};
    const nineOClock = simulation.startTime + 9 * 3600_000;
    let sent = 0;
    for (let event = simulation.next(); event.time < nineOClock + 5 * 60_000; event = simulation.next()) {
      // Only ten minutes around the outage, sent in order, with room in flight for each.
      if (event.time < nineOClock - 5 * 60_000) continue;
      const status = event.serving?.unavailable ? 503 : event.serving?.failStatus || 200;
      expected[status] = (expected[status] ?? 0) + 1;
      sender.send(event);
      if (++sent % 32 === 0) await sender.drain();
    }
    await sender.drain();
    expect(sender.counts.dropped).toBe(0);
    expect(sender.counts.answered).toEqual(expected);
    expect(expected[503]).toBeGreaterThan(50);
    expect(serving.faults.pendingRequests).toBe(0);
  }, 30_000);

  it('sends what waits for a free slot in micro-batches, each request answered once, none dropped', async () => {
    const simulation = new Simulation({ world: getWorld('credit')!, seed: 4 });
    const sender = new TrafficSender(serving.url, { maxInFlight: 4, faults: serving.faults });
    const requestsBefore = await requestCount();
    for (let i = 0; i < 400; i++) {
      const busy = sender.whenReady();
      if (busy) await busy;
      sender.send(simulation.next());
    }
    await sender.drain();
    expect(sender.counts).toMatchObject({ sent: 400, failed: 0, dropped: 0 });
    expect(sumOf(sender.counts.answered)).toBe(400);
    // Fewer HTTP requests than events: those that waited left together.
    const requests = (await requestCount()) - requestsBefore;
    expect(requests).toBeLessThan(400);
    expect(requests).toBeGreaterThanOrEqual(4);
    const predictions = (await serving.metrics.predictions.get()).values.reduce((a, v) => a + v.value, 0);
    expect(predictions).toBeGreaterThanOrEqual(400);
  }, 30_000);

  it('counts what finds no room as dropped, and what nobody answers as failed', async () => {
    const simulation = new Simulation({ world: getWorld('credit')!, seed: 5 });
    const nowhere = new TrafficSender('http://127.0.0.1:9', { maxInFlight: 1 });
    // One in flight, 1,024 waiting for it, then no room: the last is dropped.
    for (let i = 0; i < 1026; i++) nowhere.send(simulation.next());
    expect(nowhere.whenReady()).toBeInstanceOf(Promise);
    await nowhere.drain();
    expect(nowhere.counts).toMatchObject({ sent: 1025, failed: 1025, dropped: 1 });
  });

  async function requestCount(): Promise<number> {
    return (await serving.metrics.requests.get()).values.reduce((a, v) => a + v.value, 0);
  }
});

function sumOf(counts: Record<string, number>): number {
  return Object.values(counts).reduce((a, b) => a + b, 0);
}
