import { SentAs, type SimEvent } from '../engine/event';
import type { World } from '../worlds/types';
import { ByteWriter } from './byte-writer';

/** RFC 4180 quoting, only where needed. */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * CSV with `time`, one column per feature and `label`. A missing or dropped value is an empty cell;
 * a renamed field's values go to an extra column named after the new name (listed up front, since
 * CSV has one header). CSV has no types, so a number sent as a string looks like a number: use JSONL
 * to see type faults.
 */
export class CsvFormatter {
  private readonly columns: string[];
  private readonly column = new Map<string, number>();
  private readonly scratch = new ByteWriter(1024);
  private readonly categoryText: (string[] | null)[];
  private readonly row: string[];

  constructor(
    private readonly world: World,
    extraColumns: readonly string[] = [],
  ) {
    const names = world.features.map((f) => f.name);
    this.columns = ['time', ...names, ...extraColumns.filter((c) => !names.includes(c)), 'label'];
    this.columns.forEach((c, i) => this.column.set(c, i));
    this.categoryText = world.features.map((f) =>
      f.kind === 'categorical' ? f.categories.map(csvField) : null,
    );
    this.row = new Array<string>(this.columns.length).fill('');
  }

  header(): string {
    return this.columns.map(csvField).join(',') + '\n';
  }

  /** Appends the event's row, newline included. */
  encode(event: SimEvent, out: ByteWriter): void {
    const row = this.row;
    row.fill('');
    const { features } = this.world;
    for (let i = 0; i < features.length; i++) {
      const code = event.sentAs[i] as SentAs;
      if (code === SentAs.Missing || code === SentAs.Dropped) continue;
      const at = event.faulty ? (this.column.get(event.fieldNames[i]) ?? i + 1) : i + 1;
      const categories = this.categoryText[i];
      row[at] =
        code === SentAs.Unseen
          ? csvField(event.unseen[i])
          : categories === null
            ? String(event.sent[i])
            : categories[event.sent[i]];
    }
    row[row.length - 1] = String(event.label);
    out.reserve(24);
    out.isoTime(event.time);
    out.text(row.join(',') + '\n');
  }

  /** The event's row as a string, newline included. */
  format(event: SimEvent): string {
    this.scratch.length = 0;
    this.encode(event, this.scratch);
    return this.scratch.buffer.toString('utf8', 0, this.scratch.length);
  }
}
