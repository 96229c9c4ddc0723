import type { Logger } from 'winston';
import type { Request, RequestHandler, Response } from 'express';
import { RecoveryError, type Recovery } from '../recovery';

/*
 * The recovery actions over HTTP, in the same `name:verb` style as `:predict`:
 *   GET  /v1/models/{name}/versions      every version with holdout metrics and gate results
 *   GET  /v1/models/{name}/deployments   the promotion and rollback history
 *   POST /v1/models/{name}:rollback      {"version": n, "reason"?: "…"}
 *   POST /v1/models/{name}:promote       {"version": n, "reason"?: "…"}  (through the gates)
 *   POST /v1/models/{name}:retrain       {"last": n, "promote"?: bool, "reason"?: "…"}
 */

const MAX_REASON = 1000;

type Body = Record<string, unknown>;

class BodyError extends Error {}

function positiveInteger(body: Body, field: string): number {
  const v = body[field];
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1)
    throw new BodyError(
      `field "${field}": expected a positive whole number, got ${JSON.stringify(v) ?? 'nothing'}`,
    );
  return v;
}

function optionalReason(body: Body, fallback: string): string {
  const v = body.reason;
  if (v === undefined) return fallback;
  if (typeof v !== 'string' || v.trim() === '' || v.length > MAX_REASON)
    throw new BodyError(`field "reason": expected a non-empty string of at most ${MAX_REASON} characters`);
  return v;
}

function optionalBoolean(body: Body, field: string): boolean {
  const v = body[field];
  if (v === undefined) return false;
  if (typeof v !== 'boolean')
    throw new BodyError(`field "${field}": expected true or false, got ${JSON.stringify(v)}`);
  return v;
}

function bodyOf(req: Request): Body {
  const body = req.body as unknown;
  if (body === undefined) return {};
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    throw new BodyError('expected a JSON object body with Content-Type: application/json');
  return body as Body;
}

type Action = (model: string, body: Body) => { status?: number; json: object };

function actions(recovery: Recovery): Record<string, Action> {
  return {
    rollback: (model, body) => {
      const version = positiveInteger(body, 'version');
      const deployment = recovery.rollback(model, version, optionalReason(body, 'rollback over HTTP'));
      return { json: { model, deployment } };
    },
    promote: (model, body) => {
      const version = positiveInteger(body, 'version');
      const result = recovery.promote(model, version, optionalReason(body, 'promote over HTTP'));
      // A candidate the gates reject is a refused request, not a server error: 409 with the gate results.
      return {
        status: result.promoted ? 200 : 409,
        json: result.promoted
          ? { model, promoted: true, deployment: result.deployment, gates: result.results }
          : {
              error: `${model} v${version} failed the promotion gates`,
              model,
              promoted: false,
              gates: result.results,
            },
      };
    },
    retrain: (model, body) => {
      const last = positiveInteger(body, 'last');
      const promote = optionalBoolean(body, 'promote');
      const result = recovery.retrain(model, {
        last,
        promote,
        reason: optionalReason(body, `retrained on the last ${last} labelled events over HTTP`),
      });
      return { status: 201, json: result };
    },
  };
}

/** What the lab learns of each recovery action: for its record. */
export interface RecoveryActionEvent {
  readonly model: string;
  readonly action: string;
  readonly status: number;
  readonly body: Readonly<Record<string, unknown>>;
  /** What `guard` put in res.locals (e.g. who asked). */
  readonly locals: Readonly<Record<string, unknown>>;
}

export interface RecoveryHooks {
  /** Runs before every recovery action (e.g. a token check); it answers itself when it refuses. */
  readonly guard?: RequestHandler;
  readonly onAction?: (event: RecoveryActionEvent) => void;
}

/** Answers a POST `name:verb` when the verb is a recovery action; otherwise passes it on. */
export function recoveryVerbs(
  recovery: Recovery,
  split: (target: string) => [string, string],
  logger?: Logger,
  hooks: RecoveryHooks = {},
): RequestHandler {
  const byVerb = actions(recovery);
  return (req, res, next) => {
    const [model, verb] = split(String(req.params.target));
    const action = Object.hasOwn(byVerb, verb) ? byVerb[verb] : undefined;
    if (!action) return next();
    const run = () =>
      answer(res, () => {
        const body = bodyOf(req);
        let outcome: ReturnType<Action>;
        try {
          outcome = action(model, body);
        } catch (e) {
          // Refused actions are worth recording too (who tried what).
          const status = e instanceof RecoveryError ? e.status : e instanceof BodyError ? 400 : 500;
          hooks.onAction?.({ model, action: verb, status, body, locals: res.locals });
          throw e;
        }
        logger?.info('recovery action', { action: verb, model, status: outcome.status ?? 200 });
        hooks.onAction?.({ model, action: verb, status: outcome.status ?? 200, body, locals: res.locals });
        return outcome;
      });
    if (hooks.guard) hooks.guard(req, res, (err?: unknown) => (err ? next(err) : run()));
    else run();
  };
}

/** GET /v1/models/{name}/versions and /deployments. */
export function recoveryListings(recovery: Recovery): {
  versions: RequestHandler;
  deployments: RequestHandler;
} {
  return {
    versions: (req, res) =>
      answer(res, () => ({
        json: { model: req.params.name, versions: recovery.versions(String(req.params.name)) },
      })),
    deployments: (req, res) =>
      answer(res, () => ({
        json: { model: req.params.name, deployments: recovery.deployments(String(req.params.name)) },
      })),
  };
}

function answer(res: Response, run: () => { status?: number; json: object }): void {
  try {
    const { status, json } = run();
    res.status(status ?? 200).json(json);
  } catch (e) {
    if (e instanceof BodyError) res.status(400).json({ error: e.message });
    else if (e instanceof RecoveryError) res.status(e.status).json({ error: e.message });
    else throw e;
  }
}
