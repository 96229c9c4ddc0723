import { getWorld } from '@driftlab/simulator';
import { runLive } from './live';

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
});
