import { CliError } from './io';

/*
 * The command line's way into a running lab (`driftlab incident …`, `diagnose`, `scoreboard`, `lab
 * reset`): HTTP to DRIFTLAB_URL (default http://127.0.0.1:8080) with the token in DRIFTLAB_TOKEN.
 * The token goes in the Authorization header only, never in a message.
 */

export interface LabClientEnv {
  readonly DRIFTLAB_URL?: string;
  readonly DRIFTLAB_TOKEN?: string;
}

export async function labRequest<T = Record<string, unknown>>(
  method: 'GET' | 'POST',
  path: string,
  body?: object,
  env: LabClientEnv = process.env,
): Promise<T> {
  const base = (env.DRIFTLAB_URL || 'http://127.0.0.1:8080').replace(/\/+$/, '');
  let url: URL;
  try {
    url = new URL(base + path);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error();
  } catch {
    throw new CliError(`DRIFTLAB_URL: expected an http:// or https:// URL, got ${JSON.stringify(base)}`, 2);
  }
  if (!env.DRIFTLAB_TOKEN)
    throw new CliError(
      'DRIFTLAB_TOKEN is not set: export the tutor token (printed when the lab first started) or your team token',
      2,
    );
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers: {
        authorization: `Bearer ${env.DRIFTLAB_TOKEN}`,
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
  } catch (e) {
    throw new CliError(
      `cannot reach the lab at ${url.origin} (${(e as Error).message}): is driftlab start running? (DRIFTLAB_URL)`,
    );
  }
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = { error: text.slice(0, 200) };
  }
  if (!res.ok) {
    const message = (json as { error?: string }).error ?? `HTTP ${res.status}`;
    const hint =
      res.status === 401
        ? ' (DRIFTLAB_TOKEN is not a token of this lab)'
        : res.status === 403
          ? ' (this needs the tutor token)'
          : res.status === 429
            ? ` (retry in ${res.headers.get('retry-after') ?? 'a'} s)`
            : '';
    throw new CliError(`${message}${hint}`);
  }
  return json as T;
}
