import express, { type Request, type RequestHandler, type Response } from 'express';
import { anyRole, type Tokens } from '../auth';

/*
 * Split in three (docker-compose), the lab's control routes and the class pages are on the
 * simulator's port while serving is on its own: a page may call only its own origin, so this host
 * passes the team page's model calls on to serving. Only those: a model's status, versions and
 * deployments, and the recovery verbs. A recovery call's token is checked here first, so a wrong
 * one counts against the student's own address, never against this host's at serving.
 */

/** Longest a forwarded call may take: a retrain on the last 200,000 labels takes a while. */
const FORWARD_TIMEOUT_MS = 120_000;
/** serving's recovery bodies are small (a version, a count, a reason). */
const BODY_LIMIT = '64kb';
const VERBS = /^[^:/]+:(rollback|promote|retrain)$/;

export function servingForward(servingUrl: string, tokens: Tokens): express.Router {
  const router = express.Router();
  const base = servingUrl.replace(/\/+$/, '');
  router.get(
    ['/v1/models/:name', '/v1/models/:name/versions', '/v1/models/:name/deployments'],
    forwardTo(base),
  );
  router.post(
    '/v1/models/:target',
    (req, _res, next) => next(VERBS.test(String(req.params.target)) ? undefined : 'route'),
    anyRole(tokens),
    express.raw({ type: () => true, limit: BODY_LIMIT }),
    forwardTo(base),
  );
  return router;
}

function forwardTo(base: string): RequestHandler {
  return (req, res, next) => {
    forward(base, req, res).catch(next);
  };
}

async function forward(base: string, req: Request, res: Response): Promise<void> {
  const headers: Record<string, string> = {};
  for (const name of ['authorization', 'content-type', 'x-request-id']) {
    const value = req.get(name);
    if (value) headers[name] = value;
  }
  let answer: globalThis.Response;
  try {
    answer = await fetch(`${base}${req.originalUrl}`, {
      method: req.method,
      headers,
      body: req.method === 'POST' && Buffer.isBuffer(req.body) ? new Uint8Array(req.body) : undefined,
      signal: AbortSignal.timeout(FORWARD_TIMEOUT_MS),
      redirect: 'manual',
    });
  } catch (e) {
    res.status(502).json({ error: `serving does not answer at ${base}: ${(e as Error).message}` });
    return;
  }
  res.status(answer.status);
  const type = answer.headers.get('content-type');
  if (type) res.type(type);
  res.send(Buffer.from(await answer.arrayBuffer()));
}
