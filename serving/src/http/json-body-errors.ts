import type { ErrorRequestHandler } from 'express';

/** express.json()'s refusals, by the type body-parser gives them, with what the client should do. */
const BODY_REFUSALS: Readonly<Record<string, (e: BodyParserError) => [number, string]>> = {
  'entity.parse.failed': (e) => [400, `malformed JSON: ${e.message}`],
  'entity.too.large': (e) => [413, `request body larger than ${e.limit} bytes`],
  'entity.too.deep': (e) => [400, e.message],
  'charset.unsupported': (e) => [415, `unsupported charset "${e.charset ?? ''}": send UTF-8 JSON`],
  'encoding.unsupported': (e) => [
    415,
    `unsupported Content-Encoding "${e.encoding ?? ''}": send identity, gzip, deflate or br`,
  ],
  'request.aborted': () => [400, 'the request was aborted before its body arrived'],
  'request.size.invalid': () => [400, 'the body is not as long as Content-Length says'],
};

interface BodyParserError {
  readonly type?: string;
  readonly message: string;
  readonly limit?: number;
  readonly charset?: string;
  readonly encoding?: string;
  readonly code?: unknown;
}

/**
 * express.json()'s refusals as the client's mistakes, named, as JSON (never express's HTML page,
 * a path or a stack): 400 for malformed or too deeply nested JSON, 413 beyond the body limit, 415
 * for a charset or content encoding the lab does not read. Every JSON API of the lab answers body errors through this one handler.
 */
export const jsonBodyErrors: ErrorRequestHandler = (err, _req, res, next) => {
  const e = err as BodyParserError;
  const refusal = e.type ? BODY_REFUSALS[e.type] : undefined;
  if (refusal) {
    const [status, error] = refusal(e);
    return void res.status(status).json({ error });
  }
  // zlib's errors while inflating a gzip/deflate/br body carry its code (Z_DATA_ERROR, …).
  if (typeof e.code === 'string' && e.code.startsWith('Z_'))
    return void res
      .status(400)
      .json({ error: `the body does not decompress as its Content-Encoding says (${e.code})` });
  next(err);
};
