// The lab under a student with curl: thousands of seeded malformed requests to every JSON route of
// a running lab, in one process and split in three (docs/SECURITY.md). Nothing may answer 5xx, every
// refusal is JSON naming the problem, the process stays up and answers /healthz within a second
// throughout, its memory stays bounded, and the targeted model's monitoring is as it was: refused
// input records nothing. The regression tests for each defect of issue 16 follow.
import { type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import {
  hostileRequests,
  oversized,
  type Component,
  type Credentials,
  type HostileRequest,
} from './support/hostile-requests';
import { startLab, type LiveLab } from './support/live-lab';
import { closeRawAgents, send } from './support/raw-http';

const TUTOR = 'tutor-token-of-the-hostile-input-test';
const WEBHOOK = 'webhook-secret-of-the-hostile-input-test';
const ENV = { DRIFTLAB_TUTOR_TOKEN: TUTOR, DRIFTLAB_WEBHOOK_TOKEN: WEBHOOK };
/** Requests per lab mode: the issue asks for at least 5,000. */
const REQUESTS = 5_000;
const IN_FLIGHT = 24;
/** Requests sent before memory is measured (see fuzz). */
const WARM_UP = 1_000;

/** Resident memory of a process, in bytes (Linux). */
function rss(child: ChildProcess): number {
  const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
  return Number(/^VmRSS:\s+(\d+) kB$/m.exec(status)![1]) * 1024;
}

/**
 * The targeted model's monitoring, as /metrics shows it: every series naming the model, except
 * serving's request accounting, which counts refusals by design (errors by status, latency, input
 * faults, replaced event times).
 */
async function monitoringOf(url: string, model: string): Promise<string[]> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const accounting =
    /^driftlab_(prediction_requests_total|prediction_errors_total|prediction_duration_seconds|input_faults_total|event_times_replaced_total)/;
  return text
    .split('\n')
    .filter((l) => !l.startsWith('#') && l.includes(`model="${model}"`) && !accounting.test(l))
    .sort();
}

interface Verdict {
  readonly request: string;
  readonly problem: string;
}

/** What is wrong with an answer to a malformed request, or null. */
function judge(req: HostileRequest, status: number, contentType: string, text: string): string | null {
  if (status >= 500) return `answered ${status}: ${text.slice(0, 200)}`;
  if (req.method === 'POST' && status < 400)
    return `a malformed request was accepted (${status}): ${text.slice(0, 200)}`;
  if (status < 400) return null;
  if (!contentType.startsWith('application/json'))
    return `a ${status} as ${contentType || 'no content type'}: ${text.slice(0, 200)}`;
  let error: unknown;
  try {
    error = (JSON.parse(text) as { error?: unknown }).error;
  } catch {
    return `a ${status} whose body is not JSON: ${text.slice(0, 200)}`;
  }
  if (typeof error !== 'string' || error.length < 5)
    return `a ${status} without an error message: ${text.slice(0, 200)}`;
  if (/node_modules|\/work\/|\bat \w+ \(|<html/i.test(text))
    return `a ${status} showing internals: ${text.slice(0, 300)}`;
  return null;
}

/** Sends every request, IN_FLIGHT at a time, while probing /healthz; returns what went wrong. */
async function bombard(
  url: string,
  requests: readonly HostileRequest[],
): Promise<{ problems: Verdict[]; slowestHealthMs: number; answered: number }> {
  const problems: Verdict[] = [];
  let next = 0;
  let answered = 0;
  let done = false;
  let slowestHealthMs = 0;
  const health = (async () => {
    while (!done) {
      const started = performance.now();
      const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(5_000) });
      if (res.status !== 200) problems.push({ request: 'GET /healthz', problem: `answered ${res.status}` });
      await res.arrayBuffer();
      slowestHealthMs = Math.max(slowestHealthMs, performance.now() - started);
      await sleep(200);
    }
  })();
  const worker = async () => {
    while (next < requests.length) {
      const req = requests[next++];
      const res = await send(url, req).catch((e: Error) => ({
        status: 599,
        contentType: '',
        text: e.message,
      }));
      answered++;
      const problem = judge(req, res.status, res.contentType, res.text);
      if (problem) problems.push({ request: `${req.route} ${JSON.stringify(req.headers)}`, problem });
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  done = true;
  await health;
  return { problems, slowestHealthMs, answered };
}

async function teamToken(url: string): Promise<string> {
  const res = await fetch(`${url}/v1/teams`, { headers: { authorization: `Bearer ${TUTOR}` } });
  return ((await res.json()) as { teams: { token: string }[] }).teams[0].token;
}

afterAll(closeRawAgents);

/** A credit applicant serving accepts. */
const APPLICANT = {
  age: 30,
  employment_type: 'salaried',
  annual_income: 50000,
  home_ownership: 'rent',
  region: 'north',
  credit_history_years: 5,
  open_credit_lines: 3,
  utilization: 0.3,
  debt_to_income: 0.2,
  loan_amount: 10000,
  delinquencies_2y: 0,
};

async function predict(url: string, n: number, headers: Record<string, string> = {}): Promise<void> {
  for (let i = 0; i < n; i++) {
    const res = await fetch(`${url}/v1/models/credit:predict`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ instances: [{ ...APPLICANT, age: 25 + (i % 40) }] }),
    });
    expect(res.status).toBe(200);
  }
}

/** Where each component's routes answer, and which process hosts the targeted model's monitoring. */
interface Target {
  readonly urls: Readonly<Partial<Record<Component, string>>>;
  readonly monitoring: string;
  readonly processes: readonly LiveLab[];
}

/**
 * The whole check: a warm-up round (V8 grows its heap once, to parse the large bodies, and keeps
 * it: what must not happen is growth with the number of requests after), then REQUESTS more, and
 * every assertion of the issue.
 */
async function fuzz(target: Target, credentials: Credentials, seed: number): Promise<void> {
  const components = Object.keys(target.urls) as Component[];
  const round = async (requests: HostileRequest[]) => {
    const results = await Promise.all(
      components.map((c) =>
        bombard(
          target.urls[c]!,
          requests.filter((r) => r.component === c),
        ),
      ),
    );
    return {
      problems: results.flatMap((r) => r.problems),
      slowestHealthMs: Math.max(...results.map((r) => r.slowestHealthMs)),
      answered: results.reduce((n, r) => n + r.answered, 0),
    };
  };
  const warmUp = await round(hostileRequests(components, credentials, WARM_UP, seed + 1));
  expect(warmUp.problems.slice(0, 10)).toEqual([]);
  await sleep(1500); // the exporter's flush
  const before = await monitoringOf(target.monitoring, 'credit');
  expect(before.length).toBeGreaterThan(10);
  const rssBefore = target.processes.map((p) => rss(p.child));

  const requests = [
    ...hostileRequests(components, credentials, REQUESTS, seed),
    ...oversized(components, credentials),
  ];
  const { problems, slowestHealthMs, answered } = await round(requests);
  expect(problems.slice(0, 10)).toEqual([]);
  expect(answered).toBe(requests.length);
  for (const [i, p] of target.processes.entries()) {
    expect(p.child.exitCode).toBeNull();
    expect(rss(p.child) - rssBefore[i]).toBeLessThan(50 * 1024 * 1024);
    expect(p.stderr()).not.toMatch(/"level":"error"/);
  }
  expect(slowestHealthMs).toBeLessThan(1000);
  await sleep(1500);
  expect(await monitoringOf(target.monitoring, 'credit')).toEqual(before);
}

/**
 * The actions in the lab's record but its own (start, stop), read from its file: the tutor's
 * requests a minute are spent by the fuzz, which is the point of the limit.
 */
function recordedActions(data: string): string[] {
  const db = new Database(join(data, 'lab-record.sqlite'), { readonly: true });
  try {
    const rows = db.prepare('SELECT action FROM lab_events ORDER BY id').all() as { action: string }[];
    return rows.map((r) => r.action).filter((a) => !a.startsWith('lab.'));
  } finally {
    db.close();
  }
}

describe('hostile input to a running lab', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'driftlab-hostile-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  // A crawl (0.001×): no simulated traffic moves the model's monitoring while it is compared.
  const common = () => [
    '--world',
    'credit',
    '--speed',
    '0.001',
    '--data',
    join(dir, 'data'),
    '--no-prometheus',
  ];

  it(`one process: ${REQUESTS} malformed requests, no 5xx, every refusal JSON, up and bounded, the model's monitoring unchanged`, async () => {
    const lab = await startLab(common(), ENV);
    try {
      await predict(lab.url, 20); // accepted traffic first, so the model has monitoring to keep
      const credentials = { tutor: TUTOR, team: await teamToken(lab.url), webhook: WEBHOOK };
      await fuzz(
        { urls: { serving: lab.url, control: lab.url }, monitoring: lab.url, processes: [lab] },
        credentials,
        16,
      );
      // Nothing a refused request sent reached the lab's record: no incident, diagnosis or alert.
      expect(recordedActions(join(dir, 'data'))).toEqual([]);
    } finally {
      await lab.stop();
    }
  }, 120_000);

  it(`three processes: ${REQUESTS} malformed requests to serving, the exporter's ingest and the lab's control`, async () => {
    const only = (component: string, extra: string[] = []) =>
      startLab(['--only', component, ...extra, ...common()], ENV);
    const exporter = await only('exporter');
    const exporterUrl = exporter.url;
    const processes: LiveLab[] = [exporter];
    try {
      const serving = await only('serving', ['--exporter-url', exporterUrl]);
      processes.push(serving);
      const simulator = await only('simulator', [
        '--serving-url',
        serving.url,
        '--exporter-url',
        exporterUrl,
      ]);
      processes.push(simulator);
      await predict(serving.url, 20);
      const credentials = { tutor: TUTOR, team: await teamToken(simulator.url), webhook: WEBHOOK };
      // The exporter takes events only from the lab's own components (the tutor token): a student's
      // well-formed batch is refused before its body is read.
      const batch = { batches: [{ model: 'credit', version: 1, time: Date.now(), request_ids: ['x'] }] };
      for (const [authorization, status] of [
        [undefined, 401],
        [`Bearer ${credentials.team}`, 403],
      ] as const) {
        const res = await send(exporterUrl, {
          method: 'POST',
          path: '/v1/events/predictions',
          headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
          body: JSON.stringify(batch),
          from: '127.0.0.9',
        });
        expect([res.status, JSON.parse(res.text)]).toEqual([
          status,
          { error: expect.stringMatching(/exporter's ingest/) },
        ]);
      }
      const urls = { serving: serving.url, exporter: exporterUrl, control: simulator.url };
      await fuzz({ urls, monitoring: exporterUrl, processes }, credentials, 17);
      expect(recordedActions(join(dir, 'data'))).toEqual([]);
    } finally {
      for (const p of processes.reverse()) await p.stop();
    }
  }, 150_000);
});
