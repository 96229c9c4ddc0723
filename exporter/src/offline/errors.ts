/** Bad input to the offline statistics (a file, a column, a line): the message says which and why. */
export class OfflineStatsError extends Error {
  override readonly name = 'OfflineStatsError';
}
