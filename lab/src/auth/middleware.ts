import type { Request, RequestHandler, Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import type { Principal, Tokens } from './tokens';

/*
 * Roles over HTTP: `Authorization: Bearer <token>`. No token or an unknown one: 401; a valid token
 * of the wrong role: 403. The token itself is never logged or echoed.
 */

export function principalOf(res: Response): Principal | null {
  return (res.locals.principal as Principal | undefined) ?? null;
}

/** Who a principal is in the lab's record and rate limits: `tutor`, `team:<id>` or `anonymous`. */
export function actorName(p: Principal | null): string {
  return !p ? 'anonymous' : p.role === 'tutor' ? 'tutor' : `team:${p.team}`;
}

/** The actor of the request being answered (after authentication). */
export const actorOf = (res: Response): string => actorName(principalOf(res));

function bearer(req: Request): string | null {
  const header = req.get('authorization');
  if (!header) return null;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return m ? m[1] : '';
}

/** Requests with a missing or wrong token a client address may send a minute before it gets 429s. */
export const FAILED_AUTH_PER_MINUTE = 30;

/** One limiter per set of tokens (per lab), shared by every route that checks them. */
const failureLimiters = new WeakMap<Tokens, RequestHandler>();

/**
 * Refuses (429) a client address that sent FAILED_AUTH_PER_MINUTE requests with a missing or wrong
 * token in the last minute, before any token is checked: guessing a token costs a minute per 30
 * tries. Only 401 answers count.
 */
export function failedAuthLimit(tokens: Tokens): RequestHandler {
  let limiter = failureLimiters.get(tokens);
  if (!limiter) {
    limiter = rateLimit({
      windowMs: 60_000,
      limit: FAILED_AUTH_PER_MINUTE,
      standardHeaders: 'draft-7',
      legacyHeaders: false,
      skipSuccessfulRequests: true,
      requestWasSuccessful: (_req, res) => res.statusCode !== 401,
      message: {
        error: `too many requests with a missing or wrong token from this address: at most ${FAILED_AUTH_PER_MINUTE} a minute`,
      },
    });
    failureLimiters.set(tokens, limiter);
  }
  return limiter;
}

/**
 * Whether a request carries the tutor token: the lab's simulator in another process proves itself
 * with it, so serving believes its X-Event-Time and its faults. No 401, no counting: the request is
 * served either way, only not believed.
 */
export function fromTutor(tokens: Tokens): (req: Request) => boolean {
  return (req) => {
    const token = bearer(req);
    return !!token && tokens.identify(token)?.role === 'tutor';
  };
}

/** Resolves the request's principal; requires one that `allowed` accepts. */
export function requireRole(
  tokens: Tokens,
  allowed: (p: Principal) => boolean,
  what: string,
): RequestHandler {
  return chain([failedAuthLimit(tokens), roleCheck(tokens, allowed, what)]);
}

function roleCheck(tokens: Tokens, allowed: (p: Principal) => boolean, what: string): RequestHandler {
  return (req, res, next) => {
    const token = bearer(req);
    const principal = token ? tokens.identify(token) : null;
    if (!principal)
      return void res
        .status(401)
        .set('WWW-Authenticate', 'Bearer')
        .json({ error: `${what} needs a token: send Authorization: Bearer <token>` });
    if (!allowed(principal))
      return void res.status(403).json({ error: `${what} is not allowed with a ${principal.role} token` });
    res.locals.principal = principal;
    next();
  };
}

/** Alertmanager's webhook: its own secret, after the failed-token limit. */
export function webhookOnly(tokens: Tokens): RequestHandler {
  const check: RequestHandler = (req, res, next) => {
    const token = bearer(req);
    if (token && tokens.isWebhookSecret(token)) return next();
    res.status(401).set('WWW-Authenticate', 'Bearer').json({
      error: "Alertmanager's webhook needs the lab's webhook secret: Authorization: Bearer <secret>",
    });
  };
  return chain([failedAuthLimit(tokens), check]);
}

export const tutorOnly = (tokens: Tokens) =>
  requireRole(tokens, (p) => p.role === 'tutor', 'this tutor action');
export const teamOnly = (tokens: Tokens) => requireRole(tokens, (p) => p.role === 'team', 'a team action');
export const anyRole = (tokens: Tokens) => requireRole(tokens, () => true, 'this action');

/**
 * At most `limit` requests per minute per principal (after authentication), answering 429 with
 * Retry-After beyond it.
 */
export function perMinute(limit: number, what: string): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    keyGenerator: (_req, res) => actorOf(res),
    message: { error: `too many ${what} requests: at most ${limit} a minute` },
  });
}

/** Recovery actions a minute per principal. */
export const RECOVERY_PER_MINUTE = 20;

/**
 * Who may roll back, promote and retrain: the tutor, or the team whose models these are (any team
 * when `team` is not given: serving alone), within the rate limit.
 */
export function recoveryGuard(tokens: Tokens, team?: string): RequestHandler {
  const allowed = (p: Principal) => p.role === 'tutor' || team === undefined || p.team === team;
  const what = team === undefined ? 'a recovery action' : `a recovery action on ${team}'s models`;
  return chain([requireRole(tokens, allowed, what), perMinute(RECOVERY_PER_MINUTE, 'recovery')]);
}

/** Middleware run one after another, stopping at the first that answers or fails. */
function chain(handlers: readonly RequestHandler[]): RequestHandler {
  return (req, res, next) => {
    const step = (i: number) => (err?: unknown) => {
      if (err) return next(err);
      if (i === handlers.length) return next();
      void handlers[i](req, res, step(i + 1));
    };
    step(0)();
  };
}
