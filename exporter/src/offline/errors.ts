/** Bad input to the offline statistics (a file, a column, a line): the message says which and why. */
export class OfflineStatsError extends Error {
  override readonly name = 'OfflineStatsError';
}

/** Characters of a name or a cell a message quotes at most: input is named, never echoed whole. */
const QUOTED_CHARS = 40;
/**
 * Characters of a list of names a message holds at most (the names, quoted, and their commas): a
 * message with two lists stays near 100 characters of input.
 */
const LISTED_CHARS = 50;

/** A name or cell from the input as a message quotes it: JSON-quoted, at most 40 characters of it. */
export function quoted(s: string): string {
  return JSON.stringify(s.length > QUOTED_CHARS ? `${s.slice(0, QUOTED_CHARS)}…` : s);
}

/**
 * Names as a message lists them: quoted (or as written, `quote` false), as many as fit in about 50
 * characters, then how many more: a header of a million columns is a count, not 10 MB.
 */
export function listed(names: readonly string[], quote = true): string {
  if (names.length === 0) return 'no columns';
  const shown: string[] = [];
  let length = 0;
  for (const name of names) {
    const item = quote ? quoted(name) : name.length > QUOTED_CHARS ? `${name.slice(0, QUOTED_CHARS)}…` : name;
    if (shown.length > 0 && length + item.length > LISTED_CHARS) break;
    shown.push(item);
    length += item.length + 2;
  }
  const more = names.length - shown.length;
  return shown.join(', ') + (more > 0 ? ` and ${more} more` : '');
}
