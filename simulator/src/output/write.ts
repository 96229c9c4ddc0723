import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ScaledClock } from '../clock/clock';
import type { Simulation } from '../engine/simulation';
import { CsvFormatter } from './csv';
import { JsonlFormatter } from './jsonl';

export type OutputFormat = 'jsonl' | 'csv';
export const OUTPUT_FORMATS: readonly OutputFormat[] = ['jsonl', 'csv'];

export interface WriteOptions {
  readonly format: OutputFormat;
  readonly count: number;
  /** CSV: extra columns for renamed fields (see `renamedFields`). */
  readonly extraColumns?: readonly string[];
  /** Paces output to simulated time; without it the run is offline, as fast as possible. */
  readonly clock?: ScaledClock;
  /** Called now and then with the number of events written so far. */
  readonly onProgress?: (written: number) => void;
}

const CHUNK_CHARS = 1 << 16;

/** Streams `count` events to `out`: memory stays flat whatever the count. */
export async function writeEvents(
  simulation: Simulation,
  out: Writable,
  options: WriteOptions,
): Promise<void> {
  const formatter =
    options.format === 'csv'
      ? new CsvFormatter(simulation.world, options.extraColumns)
      : new JsonlFormatter(simulation.world);
  let chunk = formatter instanceof CsvFormatter ? formatter.header() : '';
  const flush = async () => {
    if (chunk === '') return;
    const ok = out.write(chunk);
    chunk = '';
    if (!ok) await once(out, 'drain');
  };
  for (let written = 0; written < options.count;) {
    const event = simulation.next();
    if (options.clock) {
      const wait = options.clock.realDelayUntil(event.time);
      if (wait > 0) {
        await flush();
        await sleep(wait);
      }
    }
    chunk += formatter.format(event);
    written++;
    if (chunk.length >= CHUNK_CHARS || options.clock) await flush();
    if ((written & 0x3fff) === 0) options.onProgress?.(written);
  }
  await flush();
  options.onProgress?.(options.count);
}
