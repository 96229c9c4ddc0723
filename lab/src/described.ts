/**
 * A value from a request as an error message quotes it: never more than ~60 characters of it, and
 * lists and objects only by their kind (a message must not serialise what a client sent).
 */
export function described(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (Array.isArray(v)) return `a list of ${v.length}`;
  if (v !== null && typeof v === 'object') return 'an object';
  const text = JSON.stringify(v);
  return text.length > 60 ? `${text.slice(0, 60)}… (${text.length} characters)` : text;
}
