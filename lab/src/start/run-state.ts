import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CliError } from '../io';

/*
 * What a data directory remembers of the lab's runs, so a restart continues the story instead of
 * replaying it: the run's number (part of every request id, so no run's labels join another run's
 * predictions) and where its traffic's simulated time had got to. The time is saved every
 * simulated ten minutes and at a clean stop; a run killed without warning may have gone up to that
 * far beyond it, so the next run starts one saving interval later: its traffic is always newer
 * than anything an earlier run logged, and "the most recent labelled rows" are its own.
 */

/** How often (simulated ms) the traffic's time is saved; the next run starts this much after it. */
export const SAVE_EVERY_MS = 10 * 60_000;

export interface RunState {
  /** 1 for the first run on this data directory, then 2, 3, … */
  readonly run: number;
  /** Simulated epoch ms the run's traffic starts at. */
  readonly startTime: number;
  /** Notes how far the traffic has got (simulated epoch ms). */
  save(simulatedTime: number): void;
}

interface Stored {
  readonly run: number;
  readonly simulatedTime: number;
}

const FILE = 'runs.json';

/** Starts the next run on `data`: the first starts at `firstStart`. */
export function beginRun(data: string, firstStart: number): RunState {
  const file = join(data, FILE);
  const previous = readStored(file);
  const run = (previous?.run ?? 0) + 1;
  const startTime = previous
    ? Math.ceil((previous.simulatedTime + SAVE_EVERY_MS) / SAVE_EVERY_MS) * SAVE_EVERY_MS
    : firstStart;
  const write = (simulatedTime: number) => {
    // Written whole, then renamed: a kill mid-write leaves the previous file.
    writeFileSync(`${file}.tmp`, JSON.stringify({ run, simulatedTime } satisfies Stored) + '\n');
    renameSync(`${file}.tmp`, file);
  };
  write(startTime);
  return { run, startTime, save: write };
}

function readStored(file: string): Stored | undefined {
  if (!existsSync(file)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new CliError(
      `${file}: cannot read the lab's runs (${(e as Error).message}); remove it to start afresh`,
    );
  }
  const { run, simulatedTime } = (parsed ?? {}) as Partial<Stored>;
  if (!Number.isInteger(run) || run! < 1 || !Number.isFinite(simulatedTime))
    throw new CliError(
      `${file}: expected {"run": a whole number from 1, "simulatedTime": epoch milliseconds}; remove it to start afresh`,
    );
  return { run: run!, simulatedTime: simulatedTime! };
}
