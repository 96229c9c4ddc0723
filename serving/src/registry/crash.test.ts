// The "kill the process during a retrain and find the registry consistent after restart".
// A child Node process runs the real registry (its TypeScript sources, compiled on load by a tiny
// require hook around @swc/core) and adds large versions and deploys them in a loop; the test kills
// it with SIGKILL at seeded random moments, then reopens the registry and checks it.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Rng } from '@driftlab/simulator';
import { ModelRegistry } from './registry';
import type { VersionInfo } from './types';

const ROUNDS = 10;
const MODELS = ['credit', 'fraud'];

/** The repository's require hook for running TypeScript sources unbuilt (as jest does). */
const REGISTER_HOOK = join(__dirname, '..', '..', 'tools', 'register-ts.js');

/**
 * Adds versions (each ~300 KB, every file stamped with one id so a mix of two writes would show)
 * and promotes or rolls back after each, reporting every completed step on stdout. Lines are
 * written synchronously to a pipe, so what the parent reads happened before the kill.
 */
const CHILD = `
const fs = require('node:fs');
const { ModelRegistry } = require(${JSON.stringify(join(__dirname, 'registry.ts'))});
const [dir, seed] = process.argv.slice(2);
const MODELS = ${JSON.stringify(MODELS)};
const say = (line) => fs.writeSync(1, line + '\\n');
let state = [...seed].reduce((h, c) => Math.imul(h ^ c.charCodeAt(0), 2654435761) >>> 0, 7);
const random = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32);
const bins = Array.from({ length: 30000 }, (_, i) => Math.round(Math.sin(i) * 1e6) / 1e3);
const registry = ModelRegistry.open(dir);
for (const note of registry.recovered) process.stderr.write(note + '\\n');
say('ready');
for (let i = 0; ; i++) {
  const model = MODELS[i % MODELS.length];
  const id = seed + '/' + i;
  const version = registry.addVersion(model, {
    artifact: { id, weights: bins.slice(0, 2000) },
    trainingWindow: { id, from: '2026-01-01T00:00:00.000Z', to: '2026-01-02T00:00:00.000Z', events: i, source: 'retrain' },
    metrics: { id, accuracy: random() },
    featureSchema: { id, x: { type: 'number' } },
    profile: { id, bins },
  });
  say('added ' + model + ' ' + version + ' ' + id);
  const serving = registry.current(model)?.version ?? 0;
  // Numbers can have gaps (writes a kill interrupted), so roll back to versions that exist.
  const earlier = registry.versions(model).map((v) => v.version).filter((v) => v < serving);
  const deployment =
    earlier.length > 0 && random() < 0.35
      ? registry.rollback(model, earlier[Math.floor(random() * earlier.length)], 'crash test rollback')
      : registry.promote(model, version, 'crash test promote');
  say('deployed ' + model + ' ' + deployment.seq + ' ' + deployment.to);
}
`;

interface Reported {
  added: Map<string, Map<number, string>>; // model → version → id
  deployed: Map<string, Map<number, number>>; // model → seq → to
}

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'registry-crash-'));
  writeFileSync(join(root, 'child.js'), CHILD);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/**
 * When to kill: `delayMs` after the child owns the registry; when `aimMs` is set, the child is then
 * watched until a version write is under way (a partial directory appears) and killed `aimMs` later,
 * so that some kills surely land inside a write, which takes only ~15 ms of a ~25 ms loop.
 */
interface KillTiming {
  readonly delayMs: number;
  readonly aimMs?: number;
}

/** Starts the child, waits until it owns the registry, kills it as `timing` says. */
async function runAndKill(dir: string, seed: string, timing: KillTiming, reported: Reported): Promise<void> {
  const child = spawn(process.execPath, ['-r', REGISTER_HOOK, join(root, 'child.js'), dir, seed], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
  child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  const closed = once(child, 'close');
  let exited = false;
  void closed.then(() => (exited = true));
  while (!stdout.includes('ready\n')) {
    if (exited) throw new Error(`the child stopped before it was ready:\n${stderr}`);
    await sleep(5);
  }
  await sleep(timing.delayMs);
  if (timing.aimMs !== undefined) {
    const deadline = Date.now() + 5000;
    while (
      !MODELS.some((model) => leftoverPartials(dir, model).length > 0) &&
      !exited &&
      Date.now() < deadline
    ) {
      await sleep(1);
    }
    // No timer for a kill aimed at the write's start: under load a timer can outlast the whole write.
    if (timing.aimMs > 0) await sleep(timing.aimMs);
  }
  if (exited) throw new Error(`the child stopped on its own:\n${stderr}`);
  child.kill('SIGKILL');
  const [code, signal] = await closed;
  expect([code, signal]).toEqual([null, 'SIGKILL']);
  for (const line of stdout.split('\n')) {
    const [what, model, a, b] = line.split(' ');
    if (what === 'added') {
      reported.added.set(model, (reported.added.get(model) ?? new Map()).set(Number(a), b));
    } else if (what === 'deployed') {
      reported.deployed.set(model, (reported.deployed.get(model) ?? new Map()).set(Number(a), Number(b)));
    }
  }
}

/** Numbers of unfinished writes (hidden partial directories) the kill left behind. */
function leftoverPartials(dir: string, model: string): number[] {
  try {
    return readdirSync(join(dir, model, 'versions'))
      .filter((name) => name.startsWith('.partial-'))
      .map((name) => Number(name.slice('.partial-'.length)));
  } catch {
    return [];
  }
}

/** Everything a restart must find: complete versions, a valid pointer, a whole history. */
function checkConsistent(registry: ModelRegistry, reported: Reported): void {
  for (const model of registry.models()) {
    const names = readdirSync(join(registry.dir, model, 'versions'));
    expect(names.filter((name) => !/^\d{6}$/.test(name))).toEqual([]); // no temporaries left
    const listed = registry.versions(model);
    expect(listed.filter((v) => v.status === 'unreadable')).toEqual([]);
    for (const info of listed as VersionInfo[]) {
      const v = registry.version(model, info.version);
      // Every part loads, matches its digest, and comes from the same write.
      const id = (v.artifact() as { id: string }).id;
      expect([
        v.trainingWindow.id,
        v.metrics.id,
        v.featureSchema.id,
        (v.profile() as { id: string }).id,
      ]).toEqual([id, id, id, id]);
    }
    // Every version the child was told it had added is there, with its own contents.
    const numbers = new Map(listed.map((v) => [v.version, v]));
    for (const [version, id] of reported.added.get(model) ?? []) {
      expect([version, numbers.has(version) && registry.version(model, version).metrics.id]).toEqual([
        version,
        id,
      ]);
    }
    // The history is whole and ends where the pointer is; the pointer names a complete version.
    const history = registry.deployments(model);
    expect(history.map((d) => d.seq)).toEqual(history.map((_, i) => i + 1));
    for (const d of history) expect(numbers.has(d.to)).toBe(true);
    const current = registry.current(model);
    expect(current?.version ?? null).toBe(history.at(-1)?.to ?? null);
    if (current) expect((current.artifact() as { id: string }).id).toBe(current.metrics.id);
    for (const [seq, to] of reported.deployed.get(model) ?? []) expect(history[seq - 1]?.to).toBe(to);
  }
}

it('stays consistent when the owning process is killed at random moments', async () => {
  const dir = join(root, 'registry');
  const rng = Rng.root('registry-crash-test');
  const reported: Reported = { added: new Map(), deployed: new Map() };
  let killedMidWrite = 0;
  for (let round = 0; round < ROUNDS; round++) {
    // Even rounds: a random moment. Odd rounds: a random moment inside a version write, every other
    // one as soon as the write is seen to start.
    const aimMs = round % 4 === 1 ? 0 : rng.uniform(0, 8);
    const timing = { delayMs: rng.uniform(10, 150), aimMs: round % 2 === 1 ? aimMs : undefined };
    await runAndKill(dir, `round${round}`, timing, reported);
    const partials = MODELS.map((model) => leftoverPartials(dir, model));
    if (partials.some((p) => p.length > 0)) killedMidWrite++;

    const registry = ModelRegistry.open(dir);
    try {
      expect(registry.recovered).toContainEqual(expect.stringContaining('stale lock'));
      checkConsistent(registry, reported);
      // Fresh numbers: above every version seen and every write the kill interrupted.
      MODELS.forEach((model, i) => {
        const taken = [
          ...(registry.models().includes(model) ? registry.versions(model).map((v) => v.version) : []),
          ...(reported.added.get(model)?.keys() ?? []),
          ...partials[i],
        ];
        const id = `parent/${round}`;
        const fresh = registry.addVersion(model, {
          artifact: { id },
          trainingWindow: { id },
          metrics: { id },
          featureSchema: { id },
          profile: { id },
        });
        expect(fresh).toBeGreaterThan(Math.max(0, ...taken));
      });
    } finally {
      registry.close();
    }
  }
  // Kills did land inside version writes (not only between them), and the children got work done.
  expect(killedMidWrite).toBeGreaterThanOrEqual(2);
  expect([...reported.deployed.values()].some((history) => history.size > 0)).toBe(true);
}, 30_000);
