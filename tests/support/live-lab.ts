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
