// "A test kills the process during a retrain and finds the registry consistent after restart":
// the built `driftlab models retrain` runs as a real process and gets SIGKILL at seeded moments,
// some aimed at the registry write itself (a partial version directory on disk). After every
// kill the registry and the labelled log must reopen whole. `npm test` builds first.
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { getWorld, Rng, Simulation, toRecord } from '@driftlab/simulator';
import { ensureModels, LabelledLog, loadModel, ModelRegistry } from '@driftlab/serving';

const BIN = join(__dirname, '..', 'lab', 'bin', 'driftlab.js');
// Enough for a retrain to take a while (so kills land in every phase), few enough to keep CI quick.
const LABELLED = 10_000;
const ROUNDS = 8;

let data: string;
beforeAll(() => {
  data = mkdtempSync(join(tmpdir(), 'driftlab-retrain-crash-'));
  const registry = ModelRegistry.open(join(data, 'registry'));
  ensureModels(registry, [getWorld('credit')!], 1);
  registry.close();
  const log = new LabelledLog(join(data, 'labelled.sqlite'));
  const simulation = new Simulation({ world: getWorld('credit')!, seed: 12 });
  const events = Array.from({ length: LABELLED }, () => toRecord(simulation.next()));
  const at = (e: (typeof events)[number]) => Date.parse(e.time);
  log.recordPredictions(
    events.map((e) => ({
      requestId: String(e.id),
      model: 'credit',
      version: 1,
      time: at(e),
      features: e.features,
      prediction: 0,
      score: 0.5,
    })),
  );
  log.recordLabels(events.map((e) => ({ requestId: String(e.id), label: e.label, time: at(e) + 1 })));
  log.close();
});
afterAll(() => rmSync(data, { recursive: true, force: true }));

const retrainArgs = [BIN, 'models', 'retrain', 'credit', '--last', String(LABELLED), '--promote', '--data'];

function partials(): string[] {
  try {
    return readdirSync(join(data, 'registry', 'credit', 'versions')).filter((n) => n.startsWith('.'));
  } catch {
    return [];
  }
}

/** Runs a retrain and kills it after `delayMs`, or, when `aimed`, as soon as its version write is under way. */
async function retrainAndKill(
  delayMs: number,
  aimed: boolean,
): Promise<{ killed: boolean; midWrite: boolean }> {
  const child = spawn(process.execPath, [...retrainArgs, data], { stdio: ['ignore', 'pipe', 'pipe'] });
  let exited = false;
  const closed = once(child, 'close');
  void closed.then(() => (exited = true));
  await sleep(delayMs);
  if (aimed) {
    const deadline = Date.now() + 20_000;
    while (partials().length === 0 && !exited && Date.now() < deadline) await sleep(0);
  }
  const midWrite = partials().length > 0;
  const killed = !exited;
  child.kill('SIGKILL');
  await closed;
  return { killed, midWrite };
}

function checkConsistent(): number {
  const registry = ModelRegistry.open(join(data, 'registry'));
  try {
    const versions = registry.versions('credit');
    expect(versions.filter((v) => v.status === 'unreadable')).toEqual([]);
    expect(versions.map((v) => v.version)).toEqual([...versions.map((v) => v.version)].sort((a, b) => a - b));
    const serving = registry.current('credit')!;
    // The serving version loads and predicts: its artifact is whole.
    expect(loadModel(serving.artifact()).world).toBe('credit');
    expect(
      readdirSync(join(data, 'registry', 'credit', 'versions')).filter((n) => n.startsWith('.')),
    ).toEqual([]);
    return versions.length;
  } finally {
    registry.close();
  }
}

describe('killing driftlab models retrain', () => {
  it('leaves the registry and the labelled log consistent, and the next retrain succeeds', async () => {
    // How long one whole retrain takes on this machine, so kills spread over all of it.
    const started = Date.now();
    const first = spawnSync(process.execPath, [...retrainArgs, data], { encoding: 'utf8' });
    expect(first.stderr).toMatch(/^retraining credit on its last [\d,]+ labelled events…\n$/);
    expect(first.status).toBe(0);
    const wholeMs = Date.now() - started;
    expect(checkConsistent()).toBe(2);

    const rng = Rng.root(2026);
    let killed = 0;
    let midWrite = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const aimed = round % 2 === 1;
      const kill = await retrainAndKill(aimed ? 0 : Math.floor(rng.next() * wholeMs), aimed);
      killed += kill.killed ? 1 : 0;
      midWrite += kill.midWrite ? 1 : 0;
      checkConsistent();
      const log = new LabelledLog(join(data, 'labelled.sqlite'));
      expect(log.counts('credit')).toEqual({ predictions: LABELLED, labelled: LABELLED });
      log.close();
    }

    // The kills landed: on running retrains, and some inside the version write itself.
    expect(killed).toBeGreaterThanOrEqual(ROUNDS - 1);
    expect(midWrite).toBeGreaterThanOrEqual(1);

    const after = spawnSync(process.execPath, [...retrainArgs, data], { encoding: 'utf8' });
    expect(after.stderr).toMatch(/^retraining credit on its last [\d,]+ labelled events…\n$/);
    expect(after.status).toBe(0);
    const registry = ModelRegistry.open(join(data, 'registry'), { readOnly: true });
    const newest = Math.max(...registry.versions('credit').map((v) => v.version));
    expect(registry.current('credit')!.version).toBe(newest);
    registry.close();
  }, 120_000);
});
