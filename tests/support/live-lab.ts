// `driftlab start` (the built command) as a child process, for tests over real HTTP: started on any
// free port, its URL read from its "lab started" line, its log kept.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const BIN = join(__dirname, '..', '..', 'lab', 'bin', 'driftlab.js');

export interface LiveLab {
  readonly child: ChildProcess;
  /** Where serving (and the lab's routes) answer; a lone exporter's ingest and /metrics. */
  readonly url: string;
  stderr(): string;
  stdout(): string;
  /** The JSON lines it logged whose message starts with `message`. */
  logged(message: string): Record<string, unknown>[];
  /** Sends `signal` (SIGINT: a clean stop) and waits for the exit. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Runs `driftlab start --port 0 …args` with `env` on top of this process's environment. */
export async function startLab(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<LiveLab> {
  const child = spawn(process.execPath, [BIN, 'start', '--port', '0', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  let stderr = '';
  let stdout = '';
  child.stderr!.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  child.stdout!.setEncoding('utf8').on('data', (s: string) => (stdout += s));
  for (let i = 0; i < 600 && !stderr.includes('"lab started"') && child.exitCode === null; i++)
    await sleep(100);
  const line = stderr.split('\n').find((l) => l.includes('"lab started"'));
  if (!line) {
    child.kill('SIGKILL');
    throw new Error(`the lab did not start:\n${stderr.slice(-3000)}`);
  }
  return {
    child,
    url: urlOf(JSON.parse(line) as { serving?: string; metrics: string }),
    stderr: () => stderr,
    stdout: () => stdout,
    logged: (message) =>
      stderr
        .split('\n')
        .filter((l) => l.includes(`"message":"${message}`))
        .map((l) => JSON.parse(l) as Record<string, unknown>),
    async stop(signal = 'SIGINT') {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill(signal);
      await once(child, 'exit');
    },
  };
}

/** A component's address from its "lab started" line: serving's, else its /metrics origin. */
function urlOf(started: { serving?: string; metrics: string }): string {
  return started.serving ?? new URL(started.metrics).origin;
}

/**
 * Trains a candidate version of `model` into `data` with the built command (`models train`), so a
 * lab started there has an earlier version to roll back to.
 */
export function trainVersion(data: string, model: string, seed: number, events: number): void {
  const run = spawnSync(
    process.execPath,
    [BIN, 'models', 'train', model, '--seed', String(seed), '--events', String(events), '--data', data],
    { encoding: 'utf8' },
  );
  if (run.status !== 0) throw new Error(`models train ${model}: ${run.stderr}`);
}

/** A running lab's answer to labRequest. */
export interface LabAnswer {
  readonly status: number;
  readonly json: Record<string, unknown>;
  readonly headers: Headers;
}

/** A request to a running lab's JSON API, with `token` when given: its status, body and headers. */
export async function labRequest(
  url: string,
  method: 'GET' | 'POST',
  path: string,
  token?: string,
  body?: object,
): Promise<LabAnswer> {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown>, headers: res.headers };
}

/**
 * A test's own covariate incident, as a scenario file's data: credit applicants' annual_income
 * drops by 30,000 from `start` for `duration` of the incident's time.
 */
export function incomeDrop(o: {
  id: string;
  title: string;
  brief?: string;
  when?: string;
  seed: number;
  start: string;
  duration: string;
}) {
  return {
    id: o.id,
    title: o.title,
    brief: o.brief ?? 'Incomes change.',
    answer: {
      kind: 'covariate',
      model: 'credit',
      features: ['annual_income'],
      what: 'A step change in annual_income.',
      when: o.when ?? 'From its start.',
      recover: 'Retrain on recent labelled data.',
      signals: ['drift on annual_income'],
    },
    seed: o.seed,
    worlds: ['credit'],
    timeline: [
      {
        id: 'poorer',
        start: o.start,
        duration: o.duration,
        injector: 'mean-shift',
        target: { world: 'credit', feature: 'annual_income' },
        params: { by: -30000 },
      },
    ],
  };
}
