import { FeedbackQueue, getWorld, sentFeatures, Simulation, type Scenario } from '@driftlab/simulator';
import type { Exporter } from '@driftlab/exporter';

/**
 * Drives a lab as fast as it can go, without a clock: seeded events go to serving over real HTTP
 * in batches (one request per `batch` events, stamped with the batch's event time), and each label
 * reaches the exporter at its feedback time, in time order with the events.
 */
export async function driveLab(options: {
  readonly servingUrl: string;
  readonly exporter: Exporter;
  readonly world: string;
  readonly seed: number;
  readonly scenario?: Scenario;
  /** Simulated milliseconds to run from the start. */
  readonly until: number;
  readonly batch?: number;
  /** Called between batches with the simulated time reached and the time since the start (ms). */
  readonly onProgress?: (time: number, elapsed: number) => Promise<void> | void;
}): Promise<{ events: number; labels: number }> {
  const simulation = new Simulation({
    world: getWorld(options.world)!,
    seed: options.seed,
    scenario: options.scenario,
  });
  const end = simulation.startTime + options.until;
  const labels = new FeedbackQueue();
  const idOf = new Map<number, string>();
  const size = options.batch ?? 200;
  let events = 0;
  let delivered = 0;
  let k = 0;
  for (;;) {
    const instances: unknown[] = [];
    const ids: number[] = [];
    let time = 0;
    while (instances.length < size) {
      const event = simulation.next();
      if (event.time >= end) break;
      instances.push(sentFeatures(event));
      ids.push(event.id);
      labels.push(0, event.id, event.feedbackAt, event.feedbackLabel);
      time = event.time;
    }
    if (instances.length === 0) break;
    const requestId = `b${k++}`;
    ids.forEach((id, i) => idOf.set(id, instances.length === 1 ? requestId : `${requestId}-${i}`));
    const res = await fetch(`${options.servingUrl}/v1/models/${options.world}:predict`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-request-id': requestId,
        'x-event-time': String(time),
      },
      body: JSON.stringify({ instances }),
    });
    if (res.status !== 200) throw new Error(`serving answered ${res.status}: ${await res.text()}`);
    events += instances.length;
    for (let due = labels.popDue(time); due; due = labels.popDue(time)) {
      const requestIdOfEvent = idOf.get(due.id)!;
      idOf.delete(due.id);
      options.exporter.observeLabel({
        model: options.world,
        requestId: requestIdOfEvent,
        label: due.label,
        time: due.at,
      });
      delivered++;
    }
    await options.onProgress?.(time, time - simulation.startTime);
    if (instances.length < size) break;
  }
  return { events, labels: delivered };
}

/** The value of the sample line `name{labels}` in a text exposition (labels in any order), or undefined. */
export function sampleValue(
  exposition: string,
  name: string,
  labels: Record<string, string>,
): number | undefined {
  for (const line of exposition.split('\n')) {
    if (!line.startsWith(`${name}{`)) continue;
    const close = line.lastIndexOf('}');
    const body = line.slice(name.length + 1, close);
    const found: Record<string, string> = {};
    for (const m of body.matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) found[m[1]] = m[2];
    if (Object.entries(labels).every(([k, v]) => found[k] === v))
      return Number(line.slice(close + 2).split(' ')[0]);
  }
  return undefined;
}
