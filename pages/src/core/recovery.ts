import type { Deployment, GateReport, GatedResult, ModelVersion, RetrainResult } from '../api/types';

/*
 * The recovery forms' pure part (serving's routes, serving/src/http/openapi.ts): which versions a
 * team may roll back or promote to, the bodies of :retrain, :rollback and :promote with the limits
 * the lab checks, and what an answer says.
 */

/** :retrain's `last`, as the lab takes it. */
export const RETRAIN_MIN = 10;
export const RETRAIN_MAX = 200_000;
/** A reason's length in the deployment history. */
export const REASON_LIMIT = 1000;

export function servingVersion(versions: readonly ModelVersion[]): number | null {
  return versions.find((v) => v.status === 'serving')?.version ?? null;
}

/**
 * Where a rollback may go: versions that served before (retired), older than the one serving,
 * newest first. A rollback runs no gates because the version served once: a version that never
 * served (a candidate, or one the gates rejected) goes through promote instead.
 */
export function rollbackChoices(versions: readonly ModelVersion[]): ModelVersion[] {
  const serving = servingVersion(versions);
  if (serving === null) return [];
  return versions.filter((v) => v.status === 'retired' && v.version < serving).reverse();
}

/**
 * What a promotion may try: versions newer than the one serving that never served, newest first.
 * A rejected one is offered too: the gates run again, against what serves now.
 */
export function promoteChoices(versions: readonly ModelVersion[]): ModelVersion[] {
  const serving = servingVersion(versions) ?? 0;
  return versions
    .filter((v) => (v.status === 'candidate' || v.status === 'rejected') && v.version > serving)
    .reverse();
}

export type Checked<T> =
  { readonly ok: true; readonly body: T } | { readonly ok: false; readonly problem: string };

/** A reason as the lab takes it: left out when blank (the lab writes its own), else at most 1,000 characters. */
function reasonOf(reason: string): { reason?: string } | string {
  const text = reason.trim();
  if (text.length > REASON_LIMIT)
    return `Reason: at most ${REASON_LIMIT} characters (this one has ${text.length}).`;
  return text === '' ? {} : { reason: text };
}

export interface RetrainRequest {
  readonly last: number;
  readonly promote: boolean;
  readonly reason?: string;
}

/** The body of POST /v1/models/{name}:retrain from the form's inputs. */
export function retrainRequest(input: {
  last: string;
  promote: boolean;
  reason: string;
}): Checked<RetrainRequest> {
  const last = Number(input.last.trim());
  if (input.last.trim() === '' || !Number.isInteger(last) || last < RETRAIN_MIN || last > RETRAIN_MAX)
    return {
      ok: false,
      problem: `Labelled events: a whole number from ${RETRAIN_MIN} to ${RETRAIN_MAX.toLocaleString('en')}.`,
    };
  const reason = reasonOf(input.reason);
  if (typeof reason === 'string') return { ok: false, problem: reason };
  return { ok: true, body: { last, promote: input.promote, ...reason } };
}

export interface VersionRequest {
  readonly version: number;
  readonly reason?: string;
}

/** The body of POST /v1/models/{name}:rollback or :promote from the form's inputs. */
export function versionRequest(input: { version: string; reason: string }): Checked<VersionRequest> {
  const version = Number(input.version);
  if (input.version === '' || !Number.isInteger(version) || version < 1)
    return { ok: false, problem: 'Version: choose a version.' };
  const reason = reasonOf(input.reason);
  if (typeof reason === 'string') return { ok: false, problem: reason };
  return { ok: true, body: { version, ...reason } };
}

/** The gate results a refused promotion's answer carries (409), if it carries them. */
export function gatesOf(body: unknown): GateReport | null {
  const gates = (body as GatedResult | undefined)?.gates;
  return gates && typeof gates.passed === 'boolean' && Array.isArray(gates.checks) ? gates : null;
}

/** The names of the checks a version failed. */
export function failedChecks(gates: GateReport): string[] {
  return gates.checks.filter((c) => !c.passed).map((c) => c.name);
}

/** What a retrain did, in a sentence. */
export function retrainText(r: RetrainResult, askedToPromote: boolean): string {
  const trained = `${r.model} v${r.version} trained on ${r.records.toLocaleString('en')} labelled events.`;
  if (r.promoted) return `${trained} It passed the gates and serves now.`;
  if (!r.gates.passed)
    return `${trained} The gates refused it (${failedChecks(r.gates).length} failed), so it was not promoted.`;
  return askedToPromote
    ? `${trained} It passed the gates but was not promoted.`
    : `${trained} It passed the gates; promote it when you are ready.`;
}

/** What a rollback or promotion did, in a sentence. */
export function deploymentText(model: string, d: Deployment): string {
  const was = d.from === null ? '' : ` (was v${d.from})`;
  return d.action === 'rollback'
    ? `${model} v${d.to} serves again${was}.`
    : `${model} v${d.to} passed the gates and serves now${was}.`;
}

/** A few holdout metrics of a version, e.g. "accuracy 0.880 · ROC AUC 0.805 · 5,000 rows". */
export function holdoutText(holdout: Readonly<Record<string, unknown>> | undefined): string {
  if (!holdout) return '–';
  const num = (key: string) => (typeof holdout[key] === 'number' ? (holdout[key] as number) : null);
  const parts: string[] = [];
  const add = (label: string, value: number | null, digits = 3) => {
    if (value !== null && Number.isFinite(value)) parts.push(`${label} ${value.toFixed(digits)}`);
  };
  if (holdout.task === 'regression') {
    add('MAE', num('mae'), 2);
    add('R²', num('r2'));
  } else {
    add('accuracy', num('accuracy'));
    add('ROC AUC', num('rocAuc'));
  }
  const count = num('count');
  if (count !== null) parts.push(`${count.toLocaleString('en')} rows`);
  return parts.length ? parts.join(' · ') : '–';
}
