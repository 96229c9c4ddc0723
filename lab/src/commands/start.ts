import type { Command } from 'commander';
import { getWorld, type World } from '@driftlab/simulator';
import type { CliIo } from '../io';
import { createLogger } from '../logger';
import { runLive } from '../live';
import { duration, oneOf, seedNumber, speedFactor, worldName } from '../parsers';

/** The components `start --only` can run alone; serving and exporter join as they arrive. */
const COMPONENTS = ['simulator'] as const;

interface StartOptions {
  only?: string;
  speed: number;
  seed: number;
  world: string[];
  until?: number;
}

const REPORT_EVERY_MS = 10 * 60_000;

export function registerStart(program: Command, io: CliIo): void {
  program
    .command('start')
    .description('Run the lab: live seeded traffic for the chosen worlds at a speed factor.')
    .option('--only <component>', `run one component alone (${COMPONENTS.join(', ')})`, oneOf(COMPONENTS))
    .option('--speed <x>', 'simulated seconds per real second', speedFactor, 60)
    .option('--seed <n>', 'random seed', seedNumber, 1)
    .option(
      '--world <name>',
      'a world to run (repeat for several; default credit, fraud and delivery)',
      (v: string, all: string[] | undefined) => [...(all ?? []), worldName(v)],
    )
    .option('--until <duration>', 'stop after this much simulated time (e.g. 6h)', duration)
    .action(async (options: StartOptions) => {
      const log = createLogger(io.stderr);
      const worlds: World[] = (options.world ?? ['credit', 'fraud', 'delivery']).map((w) => getWorld(w)!);
      const controller = new AbortController();
      const stop = () => controller.abort();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      const counts: Record<string, number> = Object.fromEntries(worlds.map((w) => [w.name, 0]));
      let nextReport = NaN;
      log.info('lab started', {
        speed: options.speed,
        seed: options.seed,
        worlds: worlds.map((w) => w.name),
      });
      try {
        const stoppedAt = await runLive({
          worlds,
          seed: options.seed,
          speed: options.speed,
          until: options.until,
          signal: controller.signal,
          onEvent: (event) => {
            if (Number.isNaN(nextReport))
              nextReport = (Math.floor(event.time / REPORT_EVERY_MS) + 1) * REPORT_EVERY_MS;
            if (event.time >= nextReport) {
              log.info('traffic', {
                simulatedTime: new Date(nextReport).toISOString(),
                requests: { ...counts },
              });
              nextReport += REPORT_EVERY_MS;
            }
            counts[event.world.name]++;
          },
        });
        log.info('lab stopped', { simulatedTime: new Date(stoppedAt).toISOString(), requests: counts });
      } finally {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
      }
    });
}
