import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ScaledClock } from '../clock/clock';
import type { Simulation } from '../engine/simulation';
import { ByteWriter } from './byte-writer';
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

const CHUNK_BYTES = 1 << 16;

/** Streams `count` events to `out`: memory stays flat whatever the count. */
export async function writeEvents(
  simulation: Simulation,
  out: Writable,
  options: WriteOptions,
): Promise<void> {
  const encoder =
    options.format === 'csv'
      ? new CsvFormatter(simulation.world, options.extraColumns)
      : new JsonlFormatter(simulation.world);
  const writer = new ByteWriter(CHUNK_BYTES * 2);
  if (encoder instanceof CsvFormatter) writer.text(encoder.header());
  const flush = async () => {
    if (writer.length === 0) return;
    if (!out.write(writer.take())) await once(out, 'drain');
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
    encoder.encode(event, writer);
    written++;
    if (writer.length >= CHUNK_BYTES || options.clock) await flush();
    if ((written & 0x3fff) === 0) options.onProgress?.(written);
  }
  await flush();
  options.onProgress?.(options.count);
}
