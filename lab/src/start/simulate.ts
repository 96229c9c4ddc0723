import type { Logger } from 'winston';
import { requestId } from '@driftlab/contracts';
import type { Scenario, World } from '@driftlab/simulator';
import type { ControlPlane } from '../control';
import { runLive, type LiveHandle } from '../live';
import { TrafficWatch } from './traffic-watch';
import { TrafficSender } from '../traffic-sender';
import type { TeamRun } from './teams';

const REPORT_EVERY_MS = 10 * 60_000;

export interface SimulateOptions {
  readonly worlds: readonly World[];
  readonly scenario?: Scenario;
  readonly speed: number;
  readonly until?: number;
  /** Serving in another process (`--serving-url`), when it does not run here. */
  readonly servingUrl?: string;
  readonly plane?: ControlPlane;
  readonly signal: AbortSignal;
}

/** Sends one team's live traffic to its serving and its labels to its sink until stopped. */
export async function simulate(run: TeamRun, options: SimulateOptions, log: Logger): Promise<void> {
  const { worlds, plane } = options;
  const sender = trafficSender(run, options);
  const counts: Record<string, number> = Object.fromEntries(worlds.map((w) => [w.name, 0]));
  let labels = 0;
  let nextReport = NaN;
  let live: LiveHandle | undefined;
  const watch = new TrafficWatch(
    log,
    () => live?.pace(),
    () => sender?.counts,
  );
  const report = (message: string, simulatedTime: number) => {
    log.info(message, {
      simulatedTime: new Date(simulatedTime).toISOString(),
      ...(live ? { speed: Math.round(live.pace().effective) } : {}),
      requests: { ...counts },
      labels,
      ...(plane ? { alertsFiring: plane.lab.alerts.firingCount() } : {}),
      ...(sender
        ? {
            answers: { ...sender.counts.answered },
            failed: sender.counts.failed,
            dropped: sender.counts.dropped,
          }
        : {}),
    });
    watch.check();
    state.save(simulatedTime);
  };
  const sink = run.sink;
  const state = run.state!;
  const stoppedAt = await runLive({
    worlds,
    seed: run.seed,
    startTime: state.startTime,
    speed: options.speed,
    scenario: options.scenario,
    until: options.until,
    signal: options.signal,
    onStart: (handle) => {
      live = handle;
      plane?.bindLive(run.team, handle);
      if (sender)
        plane?.lab.metrics.watchTraffic(run.team, () => ({ pace: handle.pace(), counts: sender.counts }));
    },
    // Serving busy: the traffic waits (and the clock slows) rather than dropping requests.
    ready: sender ? () => sender.whenReady() : undefined,
    onEvent: (event) => {
      plane?.observe(run.team, event);
      if (Number.isNaN(nextReport))
        nextReport = (Math.floor(event.time / REPORT_EVERY_MS) + 1) * REPORT_EVERY_MS;
      if (event.time >= nextReport) {
        report('traffic', nextReport);
        nextReport += REPORT_EVERY_MS;
      }
      counts[event.world.name]++;
      sender?.send(event);
    },
    onLabel: sink
      ? (due, world) => {
          labels++;
          sink.label({
            model: world.name,
            requestId: requestId(world.name, due.id, run.state!.run),
            label: due.label,
            time: due.at,
          });
        }
      : undefined,
  });
  await sender?.drain();
  report('lab stopped', stoppedAt);
}

/**
 * Serving in this process is told each request's fault; serving in another process reads it from
 * the request. Either way each request carries the tutor token, so its event time is believed
 * (serving/docs/serving.md).
 */
function trafficSender(run: TeamRun, options: SimulateOptions): TrafficSender | undefined {
  const runNumber = run.state!.run;
  const token = options.plane?.tutorToken;
  if (run.serving)
    return new TrafficSender(run.serving.url, { faults: run.serving.faults, token, run: runNumber });
  if (options.servingUrl) return new TrafficSender(options.servingUrl, { token, run: runNumber });
  return undefined;
}
