import { getWorld } from '@driftlab/simulator';
import { setTimeout as sleep } from 'node:timers/promises';
import { runLive, type LiveHandle } from './live';

describe('runLive', () => {
  it('delivers every label at its feedback time, in time order with the events, for each world', async () => {
    const events = new Map<string, { time: number; feedbackAt: number | null; label: number | null }>();
    const order: { kind: 'event' | 'label'; time: number }[] = [];
    const labels: { key: string; at: number; label: number }[] = [];
    const stoppedAt = await runLive({
      worlds: [getWorld('credit')!, getWorld('sea')!],
      seed: 5,
      speed: 1e7,
      until: 3 * 3600_000,
      onEvent: (e) => {
        const delivered = !Number.isNaN(e.feedbackAt);
        events.set(`${e.world.name}-${e.id}`, {
          time: e.time,
          feedbackAt: delivered ? e.feedbackAt : null,
          label: delivered ? e.feedbackLabel : null,
        });
        order.push({ kind: 'event', time: e.time });
      },
      onLabel: (due, world) => {
        labels.push({ key: `${world.name}-${due.id}`, at: due.at, label: due.label });
        order.push({ kind: 'label', time: due.at });
      },
    });
    expect(labels.length).toBeGreaterThan(1000);
    for (const l of labels) {
      const e = events.get(l.key)!;
      expect([l.key, l.at, l.label]).toEqual([l.key, e.feedbackAt, e.label]);
      expect(l.at).toBeGreaterThan(e.time);
    }
    // Every label due by the stop was delivered, and none later.
    const due = [...events.values()].filter((e) => e.feedbackAt !== null && e.feedbackAt <= stoppedAt);
    expect(labels.length).toBe(due.length);
    for (let i = 1; i < order.length; i++) expect(order[i].time).toBeGreaterThanOrEqual(order[i - 1].time);
  });

  it('holds its traffic while the consumer is busy: no event skipped, the clock slowed, now() with the traffic', async () => {
    const controller = new AbortController();
    let handle: LiveHandle | undefined;
    const ids: number[] = [];
    let lastTime = 0;
    let lead = 0;
    // A consumer that takes 5 ms for every 20th event: about 4,000 events/s at most, far below
    // what 100,000× asks of one credit world.
    let sent = 0;
    const stoppedAt = await runLive({
      worlds: [getWorld('credit')!],
      seed: 6,
      speed: 100_000,
      signal: controller.signal,
      onStart: (h) => (handle = h),
      ready: () => (sent % 20 === 19 ? sleep(5) : undefined),
      onEvent: (e) => {
        ids.push(e.id);
        lastTime = e.time;
        lead = Math.max(lead, handle!.now() - e.time);
        if (++sent === 2000) controller.abort();
      },
    });
    expect(ids).toEqual(Array.from({ length: 2000 }, (_, i) => ids[0] + i)); // every event, in order
    const pace = handle!.pace();
    expect(pace.asked).toBe(100_000);
    expect(pace.effective).toBeLessThan(100_000 / 2);
    // The lab's now never ran ahead of its traffic by more than a second of real time.
    expect(lead).toBeLessThanOrEqual(1000 * 100_000);
    expect(stoppedAt - lastTime).toBeLessThanOrEqual(1000 * 100_000);
  }, 30_000);
});
