import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ModelRegistry } from '@driftlab/serving';
import { registryDir } from '../data-dir';
import { run } from '../testing';

// Training and the gates take a few seconds on a busy machine.
jest.setTimeout(60_000);

/** A data directory with `sea` v1 promoted and v2 a candidate. */
async function trainedData(): Promise<string> {
  const data = mkdtempSync(join(tmpdir(), 'driftlab-models-'));
  expect((await run('models', 'train', 'sea', '--events', '2000', '--data', data)).code).toBe(0);
  expect((await run('models', 'promote', 'sea', '1', '--data', data)).code).toBe(0);
  expect((await run('models', 'train', 'sea', '--seed', '2', '--events', '2000', '--data', data)).code).toBe(
    0,
  );
  return data;
}

const WRITES = [
  ['train', 'sea', '--events', '2000'],
  ['retrain', 'sea', '--last', '100'],
  ['promote', 'sea', '2'],
  ['rollback', 'sea', '1'],
];

describe('driftlab models while a lab owns the registry', () => {
  let other: ChildProcess | undefined;
  afterEach(() => {
    other?.kill();
    other = undefined;
  });

  it('lists versions and deployments of a registry this process owns, and sees its changes', async () => {
    const data = await trainedData();
    const owner = ModelRegistry.open(registryDir(data));
    try {
      const list = await run('models', 'list', '--data', data);
      expect([list.code, list.stderr, list.stdout]).toEqual([
        0,
        '',
        'sea          serving v1  2 version(s)\n',
      ]);
      owner.promote('sea', 2, 'the lab promotes');
      expect((await run('models', 'list', '--data', data)).stdout).toBe(
        'sea          serving v2  2 version(s)\n',
      );
      const versions = await run('models', 'versions', 'sea', '--data', data);
      expect(versions.stdout).toMatch(/^v1 {2}retired .*\nv2 {2}serving /);
      const deployments = await run('models', 'deployments', 'sea', '--data', data);
      expect(deployments.stdout).toMatch(
        /^#1 {2}\S+ {2}promote +v- -> v1 {2}promote from the command line\n#2 {2}\S+ {2}promote +v1 -> v2 {2}the lab promotes\n$/,
      );
      // A second owner in this process is refused, with what to do instead.
      const refused = await run('models', 'rollback', 'sea', '1', '--data', data);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(
        /already open in this process[^]*a running lab \(driftlab start\) owns this registry/,
      );
    } finally {
      owner.close();
    }
  });

  it('reads while another live process holds the lock; every write command refuses, naming it', async () => {
    const data = await trainedData();
    // What `driftlab start` leaves while it runs: registry.lock naming a live process.
    other = spawn('sleep', ['60'], { stdio: 'ignore' });
    const lock = join(registryDir(data), 'registry.lock');
    writeFileSync(
      lock,
      JSON.stringify({ pid: other.pid, hostname: hostname(), since: '2026-12-01T09:00:00.000Z' }),
    );
    const list = await run('models', 'list', '--data', data, '--json');
    expect([list.code, list.stderr]).toEqual([0, '']);
    expect(JSON.parse(list.stdout)).toEqual([{ model: 'sea', serving: 1, versions: 2 }]);
    expect((await run('models', 'versions', 'sea', '--data', data)).code).toBe(0);
    expect((await run('models', 'deployments', 'sea', '--data', data)).code).toBe(0);
    for (const args of WRITES) {
      const refused = await run('models', ...args, '--data', data);
      expect([args, refused.code, refused.stdout]).toEqual([args, 1, '']);
      expect(refused.stderr).toContain(`the registry is owned by process ${other.pid}`);
      expect(refused.stderr).toMatch(/stop it first, or change it through the lab's serving API/);
    }
    // Nothing changed, and the lock is still the other process's.
    expect((await run('models', 'list', '--data', data)).stdout).toBe(
      'sea          serving v1  2 version(s)\n',
    );
    expect(existsSync(lock)).toBe(true);
  });

  it('reads a data directory without a registry without creating anything', async () => {
    const data = join(mkdtempSync(join(tmpdir(), 'driftlab-models-')), 'none');
    expect(await run('models', 'list', '--data', data)).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(JSON.parse((await run('models', 'list', '--json', '--data', data)).stdout)).toEqual([]);
    const unknown = await run('models', 'versions', 'sea', '--data', data);
    expect([unknown.code, unknown.stderr]).toEqual([
      1,
      'driftlab: unknown model "sea" (the registry is empty)\n',
    ]);
    expect((await run('models', 'deployments', 'sea', '--json', '--data', data)).code).toBe(1);
    expect(existsSync(data)).toBe(false);
  });
});

describe('driftlab models --json', () => {
  it('prints one JSON document with the documented fields for every subcommand', async () => {
    const data = mkdtempSync(join(tmpdir(), 'driftlab-models-'));
    const trained = await run('models', 'train', 'sea', '--events', '2000', '--json', '--data', data);
    expect(trained.code).toBe(0);
    expect(JSON.parse(trained.stdout)).toMatchObject({
      model: 'sea',
      version: 1,
      status: 'candidate',
      createdAt: expect.any(String),
      metrics: { holdout: { accuracy: expect.any(Number) } },
      files: { artifact: { sha256: expect.any(String) } },
    });
    const promoted = JSON.parse(
      (await run('models', 'promote', 'sea', '1', '--json', '--data', data)).stdout,
    );
    expect(promoted).toMatchObject({
      promoted: true,
      gates: { passed: true, checks: expect.arrayContaining([expect.objectContaining({ passed: true })]) },
      deployment: { seq: 1, action: 'promote', from: null, to: 1, reason: 'promote from the command line' },
    });
    await run('models', 'train', 'sea', '--seed', '2', '--events', '2000', '--data', data);
    await run('models', 'promote', 'sea', '2', '--data', data);
    const back = await run('models', 'rollback', 'sea', '1', '--reason', 'worse', '--json', '--data', data);
    expect(JSON.parse(back.stdout)).toEqual({
      seq: 3,
      action: 'rollback',
      at: expect.any(String),
      from: 2,
      to: 1,
      reason: 'worse',
    });
    expect(JSON.parse((await run('models', 'list', '--json', '--data', data)).stdout)).toEqual([
      { model: 'sea', serving: 1, versions: 2 },
    ]);
    const versions = JSON.parse((await run('models', 'versions', 'sea', '--json', '--data', data)).stdout);
    expect(versions.map((v: { version: number; status: string }) => [v.version, v.status])).toEqual([
      [1, 'serving'],
      [2, 'retired'],
    ]);
    const deployments = JSON.parse(
      (await run('models', 'deployments', 'sea', '--json', '--data', data)).stdout,
    );
    expect(deployments.map((d: { seq: number; action: string }) => [d.seq, d.action])).toEqual([
      [1, 'promote'],
      [2, 'promote'],
      [3, 'rollback'],
    ]);
  });

  it('prints the refused promotion as JSON too, and exits 1', async () => {
    const data = mkdtempSync(join(tmpdir(), 'driftlab-models-'));
    await run('models', 'train', 'sea', '--events', '2000', '--data', data);
    await run('models', 'promote', 'sea', '1', '--data', data);
    const again = await run('models', 'promote', 'sea', '1', '--json', '--data', data);
    expect(again.code).toBe(1);
    expect(again.stdout).toBe('');
    expect(again.stderr).toMatch(/^driftlab: /);
  });

  it.each(['list', 'versions', 'deployments', 'train', 'retrain', 'promote', 'rollback'])(
    'documents the JSON of models %s in its help',
    async (command) => {
      const { stdout } = await run('models', command, '--help');
      expect(stdout).toMatch(/--json +print one JSON document instead of text: \S/);
    },
  );
});
