import { DIAGNOSIS_KINDS, type World } from '@driftlab/simulator';
import type { Diagnosis } from './scoring';

/*
 * What a diagnosis may be (docs/incidents.md, "Scoring"). The lengths and counts are in the OpenAPI
 * schema of POST /v1/diagnoses too (openapi.ts reads them from here); what a schema cannot say (a
 * model this lab serves, a time not yet come) only `diagnosisProblem` checks.
 */
export const DIAGNOSIS_LIMITS = {
  /** Characters of a model name. */
  modelLength: 100,
  /** Features named in one diagnosis. */
  features: 100,
  /** Characters of a feature name. */
  featureLength: 100,
  /** Characters of a note. */
  noteLength: 2000,
  /** Characters of `since` as sent (an ISO time with nanoseconds and an offset is 35). */
  sinceLength: 40,
  /** `since` no earlier than this (wall clock)… */
  earliestSince: Date.UTC(2000, 0, 1),
  /** …and no later than the lab's now plus this (a student's clock a little ahead of the lab's). */
  sinceSlackMs: 5 * 60_000,
} as const;

const MAX_SHOWN = 80;

/** A value as a message shows it, cut at MAX_SHOWN characters. */
function shown(value: unknown): string {
  const text = JSON.stringify(value) ?? 'nothing';
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}…` : text;
}

const orList = (items: readonly string[]): string =>
  items.length <= 1 ? (items[0] ?? 'nothing') : `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`;

const isoOf = (ms: number): string => (Number.isFinite(ms) ? new Date(ms).toISOString() : String(ms));

/** The models a lab serves (its worlds' names), each with its features: what a diagnosis may name. */
export type ServedModels = ReadonlyMap<string, readonly string[]>;

export function servedModelsOf(worlds: readonly World[]): ServedModels {
  return new Map(worlds.map((w) => [w.name, w.features.map((f) => f.name)]));
}

/**
 * Why the lab cannot take `diagnosis` (with `note`) when it serves `models` and its clock says
 * `now` (wall-clock ms), as a 400 names it (`model: expected "credit" or "fraud", got "x"`); null
 * when it can.
 */
export function diagnosisProblem(
  diagnosis: Diagnosis,
  note: string,
  models: ServedModels,
  now: number,
): string | null {
  const L = DIAGNOSIS_LIMITS;
  const { model, features, kind, since } = diagnosis;
  const known = models.get(model);
  if (!known)
    return `model: expected ${orList([...models.keys()].map((m) => JSON.stringify(m)))} (the models this lab serves), got ${shown(model)}`;
  if (features.length > L.features)
    return `features: expected a list of at most ${L.features} strings, got ${features.length} features`;
  const long = features.findIndex((f) => f.length === 0 || f.length > L.featureLength);
  if (long >= 0)
    return `features[${long}]: expected a non-empty string of at most ${L.featureLength} characters, got ${shown(features[long])}`;
  // A misspelt feature would be scored as a wrong one: said at once instead.
  const unknown = features.findIndex((f) => !known.includes(f));
  if (unknown >= 0)
    return `features[${unknown}]: expected one of ${model}'s features (${known.join(', ')}), got ${shown(features[unknown])}`;
  if (!(DIAGNOSIS_KINDS as readonly string[]).includes(kind))
    return `kind: expected ${orList(DIAGNOSIS_KINDS.map((k) => JSON.stringify(k)))}, got ${shown(kind)}`;
  const latest = now + L.sinceSlackMs;
  if (!(since >= L.earliestSince && since <= latest))
    return `since: expected a time from ${isoOf(L.earliestSince)} to ${L.sinceSlackMs / 60_000} minutes from now (${isoOf(latest)}), got ${isoOf(since)}`;
  if (note.length > L.noteLength)
    return `note: expected a string of at most ${L.noteLength} characters, got ${note.length} characters`;
  return null;
}
