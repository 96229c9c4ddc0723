import type { Logger } from 'winston';
import type { RequestHandler, Response } from 'express';
import { RecoveryError, type Recovery } from '../recovery';
import { bodyCheck, requestBodySchema, type BodyCheck } from './body-validation';
import { OPENAPI } from './openapi';

/*
 * The recovery actions over HTTP, in the same `name:verb` style as `:predict`:
 *   GET  /v1/models/{name}/versions      every version with holdout metrics and gate results
 *   GET  /v1/models/{name}/deployments   the promotion and rollback history
 *   POST /v1/models/{name}:rollback      {"version": n, "reason"?: "…"}
 *   POST /v1/models/{name}:promote       {"version": n, "reason"?: "…"}  (through the gates)
 *   POST /v1/models/{name}:retrain       {"last": n, "promote"?: bool, "reason"?: "…"}
 * Bodies are checked against their schemas in the OpenAPI document (openapi.ts).
 */

/** A :rollback or :promote body, as the VersionAction schema lets it through. */
interface VersionAction {
  readonly version: number;
  readonly reason?: string;
}

/** A :retrain body, as the RetrainRequest schema lets it through. */
interface RetrainRequest {
  readonly last: number;
  readonly promote?: boolean;
  readonly reason?: string;
}

type Body = Record<string, unknown>;
type Outcome = { status?: number; json: object };

/** A recovery verb: its body check (from the OpenAPI document) and what it does with a valid body. */
interface Action {
  readonly check: BodyCheck;
  run(model: string, body: Body): Outcome;
}

const recoveryAction = <B>(verb: string, run: (model: string, body: B) => Outcome): Action => ({
  check: bodyCheck(requestBodySchema(OPENAPI, `/v1/models/{name}:${verb}`, 'post')),
  run: run as (model: string, body: Body) => Outcome,
});

function actions(recovery: Recovery): Record<string, Action> {
  return {
    rollback: recoveryAction<VersionAction>('rollback', (model, { version, reason }) => {
      const deployment = recovery.rollback(model, version, reason ?? 'rollback over HTTP');
      return { json: { model, deployment } };
    }),
    promote: recoveryAction<VersionAction>('promote', (model, { version, reason }) => {
      const result = recovery.promote(model, version, reason ?? 'promote over HTTP');
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
    }),
    retrain: recoveryAction<RetrainRequest>('retrain', (model, { last, promote, reason }) => {
      const result = recovery.retrain(model, {
        last,
        promote: promote ?? false,
        reason: reason ?? `retrained on the last ${last} labelled events over HTTP`,
      });
      return { status: 201, json: result };
    }),
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
        const body: unknown = req.body ?? {};
        // Refused actions are worth recording too (who tried what); a body that is no JSON object is not one.
        const record = (status: number) => {
          if (isObject(body)) hooks.onAction?.({ model, action: verb, status, body, locals: res.locals });
        };
        const problem = action.check(body);
        if (problem !== null) {
          record(400);
          return { status: 400, json: { error: problem } };
        }
        let outcome: Outcome;
        try {
          outcome = action.run(model, body as Body);
        } catch (e) {
          record(e instanceof RecoveryError ? e.status : 500);
          throw e;
        }
        logger?.info('recovery action', { action: verb, model, status: outcome.status ?? 200 });
        record(outcome.status ?? 200);
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

function answer(res: Response, run: () => Outcome): void {
  try {
    const { status, json } = run();
    res.status(status ?? 200).json(json);
  } catch (e) {
    if (e instanceof RecoveryError) res.status(e.status).json({ error: e.message });
    else throw e;
  }
}

const isObject = (x: unknown): x is Body => typeof x === 'object' && x !== null && !Array.isArray(x);
