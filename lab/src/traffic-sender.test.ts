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
    const sender = new TrafficSender(serving.url, 64, serving.faults);
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
});
