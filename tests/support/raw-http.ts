// A bare HTTP client for hostile-input tests: sends any bytes with any headers (fetch would fix
// them up), from a chosen loopback address (127.0.0.2, …: another student on the class network).
import { Agent, request } from 'node:http';

export interface RawRequest {
  readonly method: string;
  /** Path and query, sent as given. */
  readonly path: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: Buffer | string;
  /** The client's address; 127.0.0.1 by default. */
  readonly from?: string;
}

export interface RawResponse {
  readonly status: number;
  readonly contentType: string;
  readonly text: string;
  readonly ms: number;
}

const agents = new Map<string, Agent>();

function agentFor(from: string): Agent {
  let agent = agents.get(from);
  if (!agent) {
    agent = new Agent({ keepAlive: true, maxSockets: 16, localAddress: from });
    agents.set(from, agent);
  }
  return agent;
}

/** Closes the kept-alive connections (call once a test file is done). */
export function closeRawAgents(): void {
  for (const agent of agents.values()) agent.destroy();
  agents.clear();
}

/**
 * Sends `req` on a kept-alive socket. A server may close an idle kept-alive socket just as a request
 * goes out on it (a race of any HTTP client, likelier on a loaded machine): that request never
 * reached the server, so it is sent once more on a fresh socket, as Node's documentation advises
 * (`request.reusedSocket`). Any other failure is the answer.
 */
export async function send(baseUrl: string, req: RawRequest): Promise<RawResponse> {
  try {
    return await sendOnce(baseUrl, req);
  } catch (e) {
    if ((e as { reusedSocket?: boolean }).reusedSocket && isReset(e)) return sendOnce(baseUrl, req);
    throw e;
  }
}

const isReset = (e: unknown) => /ECONNRESET|socket hang up/.test(String((e as Error).message));

function sendOnce(baseUrl: string, req: RawRequest): Promise<RawResponse> {
  const url = new URL(baseUrl);
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const r = request(
      {
        host: url.hostname,
        port: url.port,
        method: req.method,
        path: req.path,
        headers: req.headers,
        agent: agentFor(req.from ?? '127.0.0.1'),
        timeout: 10_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            contentType: String(res.headers['content-type'] ?? ''),
            text: Buffer.concat(chunks).toString('utf8'),
            ms: performance.now() - started,
          }),
        );
        res.on('error', reject);
      },
    );
    r.on('timeout', () => r.destroy(new Error(`${req.method} ${req.path}: no answer within 10 s`)));
    r.on('error', (e) => reject(Object.assign(e, { reusedSocket: r.reusedSocket })));
    r.end(req.body);
  });
}
