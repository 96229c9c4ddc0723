/**
 * Thrown when a model artifact (read from disk, so possibly truncated or hand-edited) or a training
 * input does not have the expected shape. The message names the field and what was expected.
 */
export class ModelError extends Error {
  constructor(
    readonly field: string,
    readonly expected: string,
    got: unknown,
  ) {
    super(`${field}: expected ${expected}, got ${describe(got)}`);
    this.name = 'ModelError';
  }
}

function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (typeof v === 'number' || typeof v === 'boolean' || v === null) return String(v);
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  if (Array.isArray(v)) return `an array of length ${v.length}`;
  return typeof v;
}

/** Checks that `v` is a plain object; returns it typed for field access. */
export function expectObject(v: unknown, field: string): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new ModelError(field, 'an object', v);
  return v as Record<string, unknown>;
}

export function expectFinite(v: unknown, field: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new ModelError(field, 'a finite number', v);
  return v;
}

export function expectString(v: unknown, field: string): string {
  if (typeof v !== 'string' || v === '') throw new ModelError(field, 'a non-empty string', v);
  return v;
}

export function expectArray(v: unknown, field: string): unknown[] {
  if (!Array.isArray(v)) throw new ModelError(field, 'an array', v);
  return v;
}
