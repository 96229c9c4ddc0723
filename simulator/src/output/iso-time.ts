/**
 * ISO 8601 formatting for mostly increasing timestamps: the date-and-second prefix is cached, so the
 * common case costs a string concatenation instead of a Date. Matches Date#toISOString (which
 * truncates fractional milliseconds) for every time after 1970.
 */
export class IsoTimeFormatter {
  private second = NaN;
  private prefix = '';

  format(time: number): string {
    const ms = Math.floor(time);
    const second = Math.floor(ms / 1000);
    if (second !== this.second) {
      this.second = second;
      this.prefix = new Date(second * 1000).toISOString().slice(0, 20);
    }
    const rest = ms - second * 1000;
    return this.prefix + (rest < 10 ? '00' : rest < 100 ? '0' : '') + rest + 'Z';
  }
}
