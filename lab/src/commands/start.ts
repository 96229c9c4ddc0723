import type { Command } from 'commander';
import { getWorld, type World } from '@driftlab/simulator';
import { startServing, startTelemetry, type RunningServing } from '@driftlab/serving';
import { dataDir, registryDir } from '../data-dir';
import { CliError, type CliIo } from '../io';
import { createLogger } from '../logger';
import { runLive } from '../live';
import { duration, oneOf, portNumber, seedNumber, speedFactor, worldName } from '../parsers';
import { TrafficSender } from '../traffic-sender';

/** The components `start --only` can run alone; the exporter joins as it arrives. */
const COMPONENTS = ['simulator', 'serving'] as const;
type Component = (typeof COMPONENTS)[number];

interface StartOptions {
  only?: Component;
  speed: number;
  seed: number;
  world?: string[];
  until?: number;
  port: number;
  host: string;
  data?: string;
}

const REPORT_EVERY_MS = 10 * 60_000;

export function registerStart(program: Command, io: CliIo): void {
  program
    .command('start')
    .description(
      'Run the lab: serving with its models, and live seeded traffic from the simulator sent to it over HTTP.',
    )
    .option('--only <component>', `run one component alone (${COMPONENTS.join(', ')})`, oneOf(COMPONENTS))
    .option('--speed <x>', 'simulated seconds per real second', speedFactor, 60)
    .option('--seed <n>', 'random seed', seedNumber, 1)
    .option(
      '--world <name>',
      'a world to run (repeat for several; default credit, fraud and delivery)',
      (v: string, all: string[] | undefined) => [...(all ?? []), worldName(v)],
    )
    .option('--until <duration>', 'stop after this much simulated time (e.g. 6h)', duration)
    .option('--port <n>', 'serving port (0: any free port)', portNumber, 8080)
    .option('--host <address>', 'serving address', '127.0.0.1')
    .option('--data <dir>', 'the lab data directory (default DRIFTLAB_DATA or ./.driftlab)')
    .action(async (options: StartOptions) => {
      const log = createLogger(io.stderr);
      const worlds: World[] = (options.world ?? ['credit', 'fraud', 'delivery']).map((w) => getWorld(w)!);
      const controller = new AbortController();
      const stop = () => controller.abort();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      const runs = (c: Component) => options.only === undefined || options.only === c;
      let serving: RunningServing | undefined;
      const telemetry = runs('serving') ? startTelemetry({ serviceName: 'driftlab' }) : undefined;
      if (telemetry?.endpoint) log.info('exporting traces', { endpoint: telemetry.endpoint });
      try {
        if (runs('serving')) {
          serving = await startServing({
            registryDir: registryDir(dataDir(options.data)),
            worlds,
            seed: options.seed,
            port: options.port,
            host: options.host,
            logger: log,
          }).catch((e: NodeJS.ErrnoException) => {
            if (e.code === 'EADDRINUSE' || e.code === 'EACCES')
              throw new CliError(
                `cannot serve on ${options.host}:${options.port} (${e.code}); choose another --port`,
              );
            throw e;
          });
        }
        log.info('lab started', {
          components: COMPONENTS.filter(runs),
          speed: options.speed,
          seed: options.seed,
          worlds: worlds.map((w) => w.name),
          ...(serving ? { serving: serving.url } : {}),
        });
        if (runs('simulator')) await simulate(options, worlds, log, serving, controller.signal);
        else
          await waitFor(
            controller.signal,
            options.until === undefined ? undefined : options.until / options.speed,
          );
      } finally {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        await serving?.close();
        await telemetry?.shutdown();
      }
    });
}

async function simulate(
  options: StartOptions,
  worlds: World[],
  log: ReturnType<typeof createLogger>,
  serving: RunningServing | undefined,
  signal: AbortSignal,
): Promise<void> {
  const sender = serving ? new TrafficSender(serving.url, 64, serving.faults) : undefined;
  const counts: Record<string, number> = Object.fromEntries(worlds.map((w) => [w.name, 0]));
  let nextReport = NaN;
  const report = (message: string, simulatedTime: number) =>
    log.info(message, {
      simulatedTime: new Date(simulatedTime).toISOString(),
      requests: { ...counts },
      ...(sender ? { answers: { ...sender.counts.answered }, dropped: sender.counts.dropped } : {}),
    });
  const stoppedAt = await runLive({
    worlds,
    seed: options.seed,
    speed: options.speed,
    until: options.until,
    signal,
    onEvent: (event) => {
      if (Number.isNaN(nextReport))
        nextReport = (Math.floor(event.time / REPORT_EVERY_MS) + 1) * REPORT_EVERY_MS;
      if (event.time >= nextReport) {
        report('traffic', nextReport);
        nextReport += REPORT_EVERY_MS;
      }
      counts[event.world.name]++;
      sender?.send(event);
    },
  });
  await sender?.drain();
  report('lab stopped', stoppedAt);
}

/** Serving alone runs until stopped (or for `seconds`). */
async function waitFor(signal: AbortSignal, seconds?: number): Promise<void> {
  await new Promise<void>((resolve) => {
    if (signal.aborted) return resolve();
    signal.addEventListener('abort', () => resolve(), { once: true });
    if (seconds !== undefined) setTimeout(resolve, seconds * 1000).unref();
  });
}
