import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { reason, RegistryError } from './errors';

/**
 * Where `value` stops being plain JSON, or null if it is. JSON.stringify would not complain: it
 * turns NaN into null, drops functions, and writes a Date or a typed array as something else, so a
 * model with one NaN weight would be stored silently broken. Undefined object properties are allowed
 * (stringify drops them, as an optional field should be).
 */
export function jsonIssue(value: unknown, path: string): string | null {
  const seen = new Set<object>();
  const visit = (v: unknown, at: string): string | null => {
    switch (typeof v) {
      case 'string':
      case 'boolean':
        return null;
      case 'number':
        return Number.isFinite(v)
          ? null
          : `${at}: ${v} is not a JSON number (NaN and infinities are not allowed)`;
      case 'object':
        break;
      default:
        return `${at}: a ${typeof v} is not JSON`;
    }
    if (v === null) return null;
    if (seen.has(v)) return `${at}: refers back to itself (cycle)`;
    if (Array.isArray(v)) {
      seen.add(v);
      for (let i = 0; i < v.length; i++) {
        if (!(i in v) || v[i] === undefined) return `${at}[${i}]: missing or undefined (use null)`;
        const issue = visit(v[i], `${at}[${i}]`);
        if (issue) return issue;
      }
      seen.delete(v);
      return null;
    }
    const proto = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null) {
      const kind = (proto as { constructor?: { name?: string } }).constructor?.name ?? 'class instance';
      return `${at}: a ${kind} is not a plain JSON object (convert it, e.g. a Date to an ISO string, a typed array to an array)`;
    }
    seen.add(v);
    for (const [key, item] of Object.entries(v)) {
      if (item === undefined) continue;
      const issue = visit(item, `${at}.${key}`);
      if (issue) return issue;
    }
    seen.delete(v);
    return null;
  };
  return visit(value, path);
}

/** Checks that `value` is a plain JSON object and serialises it; throws 'invalid' naming the field. */
export function serialiseObject(value: unknown, field: string): string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new RegistryError('invalid', `${field}: expected a JSON object, got ${describe(value)}`);
  }
  const issue = jsonIssue(value, field);
  if (issue) throw new RegistryError('invalid', issue);
  return JSON.stringify(value);
}

export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object'
    ? 'an object'
    : `${typeof value} ${JSON.stringify(value) ?? String(value)}`;
}

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Reads a file the registry wrote; a missing or unparseable file is 'corrupt', named in the message. */
export function readJsonFile(file: string, what: string, remedy?: string): { value: unknown; text: string } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const problem = code === 'ENOENT' ? 'is missing' : `cannot be read (${reason(e)})`;
    throw new RegistryError('corrupt', `${file}: ${what} ${problem}`, file, { cause: e });
  }
  try {
    return { value: JSON.parse(text), text };
  } catch (e) {
    const hint = text.length === 0 ? 'the file is empty' : 'the file may be truncated or damaged';
    const then = remedy ? `; ${remedy}` : '';
    throw new RegistryError(
      'corrupt',
      `${file}: ${what} is not valid JSON (${reason(e)}; ${hint})${then}`,
      file,
      {
        cause: e,
      },
    );
  }
}

/** Reads a JSON object from `file`; anything else is 'corrupt'. */
export function readJsonObject(file: string, what: string, remedy?: string): Record<string, unknown> {
  const { value } = readJsonFile(file, what, remedy);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    const then = remedy ? `; ${remedy}` : '';
    throw new RegistryError(
      'corrupt',
      `${file}: ${what} should be a JSON object, found ${describe(value)}${then}`,
      file,
    );
  }
  return value as Record<string, unknown>;
}
