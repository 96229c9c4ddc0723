/*
 * The pages' one way to the lab's HTTP API (the same routes the CLI uses; /openapi.json documents
 * them). Same origin, the token in the Authorization header only: never in a URL, so never in a log
 * or the browser's history.
 */

/** A refusal or failure, with the lab's own message (it names the field and what was expected). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** The whole answer, for routes that explain a refusal (a promotion's gate results). */
    readonly body: unknown = undefined,
  ) {
    super(message);
  }
}

export interface RequestOptions {
  readonly token: string;
  readonly method?: 'GET' | 'POST';
  readonly body?: unknown;
  /** Abort a slow answer (retraining takes a while: give it longer). */
  readonly timeoutMs?: number;
}

/** What a person is told for an answer the lab gave without a message of its own. */
function statusMessage(status: number): string {
  if (status === 401) return 'The lab does not know this token. Check it with your tutor.';
  if (status === 403) return 'This token may not do that.';
  if (status === 429) return 'Too many requests: wait a minute and try again.';
  if (status >= 500) return `The lab failed (${status}). Tell your tutor.`;
  return `The lab answered ${status}.`;
}

export async function api<T>(path: string, options: RequestOptions): Promise<T> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs ?? 15_000);
  let res: Response;
  try {
    res = await fetch(path, {
      method: options.method ?? 'GET',
      headers: {
        authorization: `Bearer ${options.token}`,
        ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: controller.signal,
      cache: 'no-store',
      credentials: 'omit',
    });
  } catch (e) {
    const aborted = (e as Error).name === 'AbortError';
    throw new ApiError(
      0,
      aborted ? 'The lab did not answer in time.' : 'The lab cannot be reached. Is it running?',
    );
  } finally {
    clearTimeout(timer);
  }
  const body = (await res.json().catch(() => undefined)) as
    { error?: unknown; request_id?: unknown } | undefined;
  if (!res.ok) {
    const own = typeof body?.error === 'string' ? body.error : statusMessage(res.status);
    // A 401's own message ("unknown token") is for programs; a person is told what to do.
    const message = res.status === 401 ? statusMessage(401) : own;
    const id = typeof body?.request_id === 'string' ? ` (request ${body.request_id})` : '';
    throw new ApiError(res.status, `${message}${id}`, body);
  }
  return body as T;
}
