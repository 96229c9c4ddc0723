/*
 * The exporter's ingest API on the wire, for when serving and the simulator run as processes of
 * their own (docker-compose): the same PredictionBatch and LabelEvent as in one process, in JSON
 * (NaN, which JSON lacks, travels as null).
 */
import type { LabelEvent, PredictionBatch } from '@driftlab/contracts';

export interface WireBatch {
  model: string;
  version: number;
  task: 'classification' | 'regression';
  time: number;
  request_ids: string[];
  instances: unknown[];
  observed: (number | null)[][];
  fault_bits: number[][];
  unknown_fields: number[];
  predictions: number[];
  scores: number[];
}

export interface WireLabel {
  model: string;
  request_id: string;
  label: number;
  time: number;
}

export function batchToWire(b: PredictionBatch): WireBatch {
  return {
    model: b.model,
    version: b.version,
    task: b.task,
    time: b.time,
    request_ids: [...b.requestIds],
    instances: [...b.instances],
    observed: b.observed.map((row) => Array.from(row, (v) => (Number.isNaN(v) ? null : v))),
    fault_bits: b.faultBits.map((row) => Array.from(row)),
    unknown_fields: [...b.unknownFields],
    predictions: [...b.predictions],
    scores: [...b.scores],
  };
}

export function labelToWire(l: LabelEvent): WireLabel {
  return { model: l.model, request_id: l.requestId, label: l.label, time: l.time };
}

/** Bad input on the ingest API: the message names the field and what was expected. */
export class WireError extends Error {}

function fail(field: string, expected: string, got: unknown): never {
  throw new WireError(`${field}: expected ${expected}, got ${described(got)}`);
}

/** A bad value in a message, bounded: a nested one is never serialised (it may be very deep). */
function described(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (Array.isArray(v)) return 'a list';
  if (v !== null && typeof v === 'object') return 'an object';
  return String(JSON.stringify(v)).slice(0, 80);
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);
const finite = (v: unknown, field: string): number =>
  typeof v === 'number' && Number.isFinite(v) ? v : fail(field, 'a finite number', v);
const text = (v: unknown, field: string): string =>
  typeof v === 'string' && v.length > 0 && v.length <= 256
    ? v
    : fail(field, 'a non-empty string of at most 256 characters', v);

function list(v: unknown, field: string, length?: number): unknown[] {
  if (!Array.isArray(v)) fail(field, 'a list', v);
  if (length !== undefined && v.length !== length)
    fail(field, `a list of ${length} (one per request id)`, `${v.length} items`);
  return v;
}

/** Fields of an instance at most (a world has a dozen). */
const MAX_FIELDS = 200;

/**
 * An instance as serving passes it on: field name to a number, a string (at most 256 characters)
 * or null. Anything nested is refused, so nothing stored later serialises an unbounded value.
 */
function flatRecord(v: unknown, field: string): Record<string, number | string | null> {
  if (!isObject(v)) return fail(field, 'an object of feature values', v);
  const entries = Object.entries(v);
  if (entries.length > MAX_FIELDS) fail(field, `at most ${MAX_FIELDS} fields`, `${entries.length} fields`);
  for (const [name, x] of entries) {
    const ok =
      x === null ||
      (typeof x === 'number' && Number.isFinite(x)) ||
      (typeof x === 'string' && x.length <= 256);
    if (!ok) fail(`${field}.${name.slice(0, 64)}`, 'a number, a string of at most 256 characters or null', x);
  }
  return v as Record<string, number | string | null>;
}

/** Reads one wire batch, checking every field. */
export function batchFromWire(v: unknown, at: string): PredictionBatch {
  if (!isObject(v)) fail(at, 'an object', v);
  const ids = list(v.request_ids, `${at}.request_ids`).map((id, i) => text(id, `${at}.request_ids[${i}]`));
  if (ids.length === 0) fail(`${at}.request_ids`, 'a non-empty list', v.request_ids);
  const n = ids.length;
  const task =
    v.task === 'classification' || v.task === 'regression'
      ? v.task
      : fail(`${at}.task`, '"classification" or "regression"', v.task);
  const version = v.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1)
    fail(`${at}.version`, 'a positive whole number', version);
  return {
    model: text(v.model, `${at}.model`),
    version,
    task,
    time: finite(v.time, `${at}.time`),
    requestIds: ids,
    instances: list(v.instances, `${at}.instances`, n).map((x, i) => flatRecord(x, `${at}.instances[${i}]`)),
    observed: list(v.observed, `${at}.observed`, n).map((row, i) =>
      Float64Array.from(list(row, `${at}.observed[${i}]`), (x, j) =>
        x === null ? NaN : finite(x, `${at}.observed[${i}][${j}]`),
      ),
    ),
    faultBits: list(v.fault_bits, `${at}.fault_bits`, n).map((row, i) =>
      Uint8Array.from(list(row, `${at}.fault_bits[${i}]`), (x, j) => {
        if (typeof x !== 'number' || !Number.isInteger(x) || x < 0 || x > 255)
          fail(`${at}.fault_bits[${i}][${j}]`, 'a whole number from 0 to 255', x);
        return x;
      }),
    ),
    unknownFields: list(v.unknown_fields, `${at}.unknown_fields`, n).map((x, i) =>
      finite(x, `${at}.unknown_fields[${i}]`),
    ),
    predictions: list(v.predictions, `${at}.predictions`, n).map((x, i) =>
      finite(x, `${at}.predictions[${i}]`),
    ),
    scores: list(v.scores, `${at}.scores`, n).map((x, i) => finite(x, `${at}.scores[${i}]`)),
  };
}

export function labelFromWire(v: unknown, at: string): LabelEvent {
  if (!isObject(v)) fail(at, 'an object', v);
  return {
    model: text(v.model, `${at}.model`),
    requestId: text(v.request_id, `${at}.request_id`),
    label: finite(v.label, `${at}.label`),
    time: finite(v.time, `${at}.time`),
  };
}
