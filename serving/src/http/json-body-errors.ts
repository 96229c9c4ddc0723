import type { ErrorRequestHandler } from 'express';

/**
 * express.json()'s refusals as the client's mistakes, named: 400 for malformed JSON, 413 beyond
 * the body limit. Every JSON API of the lab (serving, the exporter's ingest, the lab's control)
 * puts its own error handler first and this one after it.
 */
export const jsonBodyErrors: ErrorRequestHandler = (err, _req, res, next) => {
  const e = err as { type?: string; message?: string; limit?: number };
  if (e.type === 'entity.parse.failed') res.status(400).json({ error: `malformed JSON: ${e.message}` });
  else if (e.type === 'entity.too.large')
    res.status(413).json({ error: `request body larger than ${e.limit} bytes` });
  else next(err);
};
