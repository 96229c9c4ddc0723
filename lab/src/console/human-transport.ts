import type { Writable } from 'node:stream';
import Transport from 'winston-transport';
import { startSummary, statusLine, textLine, type LogRecord } from './human-format';

const CLEAR_LINE = '\r\x1b[K';

/**
 * Writes the lab's log records for a person at a terminal: the start-up summary, then one status
 * line kept at the bottom and updated in place (`traffic` records), with other records as short
 * lines above it. The JSON lines (createLogger's other format) say the same for machines.
 */
export class HumanTransport extends Transport {
  private status = '';
  private askedSpeed: number | undefined;

  constructor(private readonly stream: Writable & { columns?: number }) {
    super();
  }

  override log(info: LogRecord, done: () => void): void {
    // A pseudo-terminal of unknown size says 0 columns.
    const columns = this.stream.columns || 100;
    if (info.message === 'traffic') this.showStatus(statusLine(info, this.askedSpeed, columns));
    else if (info.message === 'lab stopped') {
      // The last word: the status line gives way to it for good.
      this.stream.write(this.status ? CLEAR_LINE : '');
      this.status = '';
      this.above(textLine(info));
    } else if (info.message === 'lab started') {
      this.askedSpeed = typeof info.speed === 'number' ? info.speed : undefined;
      this.above(startSummary(info).join('\n'));
    } else this.above(textLine(info));
    done();
  }

  /** A line above the status line, which is drawn again under it. */
  private above(text: string): void {
    this.stream.write(`${this.status ? CLEAR_LINE : ''}${text}\n${this.status}`);
  }

  private showStatus(text: string): void {
    this.status = text;
    this.stream.write(`${CLEAR_LINE}${text}`);
  }

  override close(): void {
    if (this.status) this.stream.write('\n');
    this.status = '';
  }
}
