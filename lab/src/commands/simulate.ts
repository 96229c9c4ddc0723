import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import { once } from 'node:events';
import type { Command } from 'commander';
import { SingleBar, Presets } from 'cli-progress';
import {
  getWorld,
  renamedFields,
  ScaledClock,
  Simulation,
  writeEvents,
  type OutputFormat,
  type Scenario,
} from '@driftlab/simulator';
import { CliError, type CliIo } from '../io';
import { isoTime, outputFormat, positiveInteger, seedNumber, speedFactor, worldName } from '../parsers';
import { loadScenarioOrFail } from './scenario';

interface SimulateOptions {
  world?: string;
  scenario?: string;
  seed?: number;
  events: number;
  format: OutputFormat;
  out?: string;
  start?: number;
  speed?: number;
}

export function registerSimulate(program: Command, io: CliIo): void {
  program
    .command('simulate')
    .description('Write seeded events offline (JSONL or CSV), streaming: memory stays flat for any --events.')
    .option('--world <name>', "the world to simulate (default: the scenario's first world)", worldName)
    .option('--scenario <id|file>', 'a built-in scenario id or a scenario YAML file')
    .option(
      '--seed <n>',
      "random seed (default: the scenario's seed; required without a scenario)",
      seedNumber,
    )
    .requiredOption('--events <n>', 'number of events to write', positiveInteger)
    .option('--format <format>', 'jsonl or csv', outputFormat, 'jsonl')
    .option('--out <file>', 'write to a file instead of standard output')
    .option('--start <time>', 'simulated start time, ISO 8601 (default 2026-01-05T00:00:00Z)', isoTime)
    .option('--speed <x>', 'pace output at x times real time instead of as fast as possible', speedFactor)
    .addHelpText(
      'after',
      '\nExamples:\n  driftlab simulate --world credit --seed 1 --events 1000\n  driftlab simulate --scenario credit-income-drop --events 100000 --format csv --out credit.csv',
    )
    .action(async (options: SimulateOptions, command: Command) => {
      const scenario: Scenario | undefined = options.scenario
        ? loadScenarioOrFail(options.scenario)
        : undefined;
      const worldId = options.world ?? scenario?.worlds[0];
      if (!worldId) command.error("error: required option '--world <name>' not specified", { exitCode: 2 });
      const seed = options.seed ?? scenario?.seed;
      if (seed === undefined)
        command.error("error: required option '--seed <n>' not specified", { exitCode: 2 });
      if (scenario && !scenario.worlds.includes(worldId!))
        throw new CliError(
          `scenario "${scenario.id}" does not run world "${worldId}"; it runs: ${scenario.worlds.join(', ')}`,
          2,
        );
      const world = getWorld(worldId!)!;
      const simulation = new Simulation({ world, seed: seed!, scenario, startTime: options.start });
      const out: Writable = options.out
        ? createWriteStream(options.out, { highWaterMark: 1 << 20 })
        : io.stdout;
      const bar = io.stderr.isTTY
        ? new SingleBar({ stream: io.stderr, etaBuffer: 50 }, Presets.shades_classic)
        : null;
      bar?.start(options.events, 0);
      const failed = new Promise<never>((_, reject) => out.once('error', reject));
      failed.catch(() => {}); // observed through the race below
      try {
        await Promise.race([
          writeEvents(simulation, out, {
            format: options.format,
            count: options.events,
            extraColumns: renamedFields(scenario, world.name),
            clock: options.speed ? new ScaledClock(simulation.startTime, options.speed) : undefined,
            onProgress: (n) => bar?.update(n),
          }),
          failed,
        ]);
        if (options.out) {
          out.end();
          await once(out, 'finish');
        }
      } catch (e) {
        const err = e as NodeJS.ErrnoException;
        // A reader that went away (`| head`) is not an error of ours.
        if (err.code === 'EPIPE') return;
        throw new CliError(`cannot write ${options.out ?? 'standard output'}: ${err.message}`);
      } finally {
        bar?.stop();
      }
    });
}
