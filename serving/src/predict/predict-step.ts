import type { FeatureRecord, PredictionBatch } from '@driftlab/contracts';
import type { ServingMetrics } from '../http/metrics';
import type { FieldError, InputPolicy, Schema } from '../http/input-policy';
import type { ServedModel } from '../http/served-model';
import { validateInstances } from '../http/validate-instances';

/*
 * One prediction request without HTTP: validate → predict → count faults → batch. The express
 * route and the scenario harness both call it, so what the harness proves is what serving does.
 */

export interface PredictStepOptions {
  readonly policy: InputPolicy;
  /** Largest number of instances in one request. */
  readonly maxInstances: number;
  /** Where input faults and predictions are counted. */
  readonly metrics: ServingMetrics;
}

/** What the caller knows of the request besides its body. */
export interface PredictCall {
  /** The request's id; a request of several instances numbers them `${requestId}-${i}`. */
  readonly requestId: string;
  /** Event time, epoch ms. */
  readonly time: number;
}

/** One instance's answer, as the V1 protocol's `predictions` list holds it. */
export type PredictionAnswer =
  | { class: number; probability: number; model_version: string; request_id: string }
  | { value: number; model_version: string; request_id: string };

export type PredictStepResult =
  | { readonly ok: true; readonly answers: PredictionAnswer[]; readonly batch: PredictionBatch }
  | {
      readonly ok: false;
      readonly status: 400 | 413;
      readonly error: string;
      /** Per instance and field, what was wrong (invalid instances only). */
      readonly fields?: readonly FieldError[];
    };

/** Answers `body` ({"instances": [...]}) with `model`. Never throws on bad input. */
export function predictStep(
  model: ServedModel,
  body: unknown,
  call: PredictCall,
  options: PredictStepOptions,
): PredictStepResult {
  if (body === undefined || body === null || typeof body !== 'object' || Array.isArray(body))
    return refused(400, 'expected a JSON object {"instances": [...]} with Content-Type: application/json');
  const instances = (body as { instances?: unknown }).instances;
  if (!Array.isArray(instances) || instances.length === 0)
    return refused(400, 'field "instances": expected a non-empty list of objects');
  if (instances.length > options.maxInstances)
    return refused(
      413,
      `field "instances": at most ${options.maxInstances} per request, got ${instances.length}`,
    );
  const ids = instanceIds(body as { request_ids?: unknown }, instances.length, call.requestId);
  if (typeof ids === 'string') return refused(400, ids);
  const { metrics } = options;
  const checked = validateInstances(instances, model.schema, options.policy, model.imputation);
  if (checked.faults.size > 0) metrics.countFaults(model.name, featureNames(model.schema), checked.faults);
  if (checked.errors.length > 0)
    return { ok: false, status: 400, error: 'invalid instances', fields: checked.errors };
  const version = String(model.version);
  const requestIds: string[] = [];
  const predictions: number[] = [];
  const scores: number[] = [];
  const answers = checked.rows.map((row, i): PredictionAnswer => {
    const p = model.predict(row!);
    const id = ids[i];
    requestIds.push(id);
    predictions.push(p.value);
    scores.push(p.score);
    return model.task === 'classification'
      ? { class: p.value, probability: p.score, model_version: version, request_id: id }
      : { value: p.value, model_version: version, request_id: id };
  });
  metrics.predictions.inc({ model: model.name, version }, answers.length);
  const batch: PredictionBatch = {
    model: model.name,
    version: model.version,
    task: model.task,
    time: call.time,
    requestIds,
    instances: instances.map((instance) => schemaFields(instance, model.schema)),
    observed: checked.observed,
    faultBits: checked.faultBits,
    unknownFields: checked.unknownFields,
    predictions,
    scores,
  };
  return { ok: true, answers, batch };
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * What goes on to the monitoring side and the labelled log of an accepted instance: its schema's
 * fields only, as sent (validation accepted them, so each is a number, a string or missing).
 * Anything else a client put in it (an unknown field, nested thousands of levels deep) stays here:
 * nothing downstream stores or serialises what the request sent without a bound.
 */
function schemaFields(instance: unknown, schema: Schema): FeatureRecord {
  const sent = instance as Record<string, unknown>;
  const record: Record<string, number | string | null> = {};
  for (const field of schema) {
    const v = sent[field.name];
    if (typeof v === 'number' || typeof v === 'string') record[field.name] = v;
    else if (v === null) record[field.name] = null;
  }
  return record;
}

/**
 * Each instance's request id: the body's `request_ids` when a client batched several requests into
 * one (the lab's simulator at high speed), else the request's id (numbered `-i` when several).
 * A string is the refusal's message.
 */
function instanceIds(body: { request_ids?: unknown }, count: number, requestId: string): string[] | string {
  const given = body.request_ids;
  if (given === undefined)
    return count === 1 ? [requestId] : Array.from({ length: count }, (_, i) => `${requestId}-${i}`);
  if (!Array.isArray(given) || given.length !== count)
    return `field "request_ids": expected a list of ${count} request ids, one per instance`;
  for (let i = 0; i < count; i++)
    if (typeof given[i] !== 'string' || !REQUEST_ID.test(given[i] as string))
      return `field "request_ids[${i}]": expected 1 to 128 letters, digits or . _ : -`;
  return given as string[];
}

function refused(status: 400 | 413, error: string): PredictStepResult {
  return { ok: false, status, error };
}

const namesBySchema = new WeakMap<Schema, ReadonlySet<string>>();

/** A schema's feature names, computed once per loaded model version rather than per request. */
function featureNames(schema: Schema): ReadonlySet<string> {
  let names = namesBySchema.get(schema);
  if (!names) namesBySchema.set(schema, (names = new Set(schema.map((f) => f.name))));
  return names;
}
