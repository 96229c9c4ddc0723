import { spawnSync } from 'node:child_process';
import {
  appendFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RegistryError } from './errors';
import { ModelRegistry } from './registry';
import type { VersionContents } from './types';

let root: string;
let open: ModelRegistry[];
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'registry-'));
  open = [];
});
afterEach(() => {
  for (const registry of open) registry.close();
  rmSync(root, { recursive: true, force: true });
});

/** A clock that ticks one minute per call, so times are predictable. */
function clock() {
  let t = Date.UTC(2026, 0, 5, 9, 0, 0);
  return () => new Date((t += 60_000));
}

function openRegistry(options: Parameters<typeof ModelRegistry.open>[1] = {}, dir = join(root, 'reg')) {
  const registry = ModelRegistry.open(dir, { now: clock(), ...options });
  open.push(registry);
  return registry;
}

function reopen(registry: ModelRegistry, options: Parameters<typeof ModelRegistry.open>[1] = {}) {
  registry.close();
  return openRegistry(options, registry.dir);
}

function contents(i: number, extra: Partial<VersionContents> = {}): VersionContents {
  return {
    artifact: { kind: 'logistic', weights: [i, i + 0.5, -i], bias: 0.25 },
    trainingWindow: {
      from: '2026-01-01T00:00:00.000Z',
      to: '2026-01-02T00:00:00.000Z',
      events: 1000 * i,
      source: 'simulator',
    },
    metrics: { accuracy: 0.8 + i / 100 },
    featureSchema: { income: { type: 'number' }, region: { type: 'category', values: ['n', 's'] } },
    profile: { income: { bins: Array.from({ length: 50 }, (_, k) => k * i) } },
    ...extra,
  };
}

/** Runs `f`, expecting a RegistryError; returns it. */
function failure(f: () => unknown): RegistryError {
  try {
    f();
  } catch (e) {
    if (e instanceof RegistryError) return e;
    throw e;
  }
  throw new Error('expected a RegistryError');
}

const versionDir = (model: string, n: number) =>
  join(root, 'reg', model, 'versions', String(n).padStart(6, '0'));

describe('ModelRegistry: versions', () => {
  it('creates the directory and starts empty', () => {
    const registry = openRegistry({}, join(root, 'a', 'b', 'reg'));
    expect(existsSync(join(root, 'a', 'b', 'reg'))).toBe(true);
    expect(registry.models()).toEqual([]);
    expect(registry.recovered).toEqual([]);
    expect(failure(() => registry.versions('credit')).code).toBe('not-found');
  });

  it('numbers versions 1, 2, 3 per model and lists models sorted', () => {
    const registry = openRegistry();
    expect([1, 2, 3].map((i) => registry.addVersion('fraud', contents(i)))).toEqual([1, 2, 3]);
    expect(registry.addVersion('credit', contents(1))).toBe(1);
    expect(registry.models()).toEqual(['credit', 'fraud']);
    expect(registry.versions('fraud').map((v) => [v.version, v.status])).toEqual([
      [1, 'candidate'],
      [2, 'candidate'],
      [3, 'candidate'],
    ]);
  });

  it('gives back every part of a version, the large parts on demand', () => {
    const registry = openRegistry();
    const stored = contents(2);
    registry.addVersion('credit', contents(1));
    registry.addVersion('credit', stored);
    const v = registry.version('credit', 2);
    expect(v).toMatchObject({
      model: 'credit',
      version: 2,
      status: 'candidate',
      createdAt: '2026-01-05T09:03:00.000Z', // the lock took the first tick
      trainingWindow: stored.trainingWindow,
      metrics: stored.metrics,
      featureSchema: stored.featureSchema,
      gates: null,
    });
    expect(v.files.artifact.bytes).toBe(JSON.stringify(stored.artifact).length);
    expect(v.artifact()).toEqual(stored.artifact);
    expect(v.profile()).toEqual(stored.profile);
    expect(v.artifact()).toBe(v.artifact()); // loaded once
  });

  it('reports unknown models and versions by name', () => {
    const registry = openRegistry();
    registry.addVersion('credit', contents(1));
    expect(failure(() => registry.version('fraud', 1)).message).toBe('unknown model "fraud" (known: credit)');
    const missing = failure(() => registry.version('credit', 4));
    expect(missing.code).toBe('not-found');
    expect(missing.message).toBe('model "credit" has no version 4 (it has 1)');
  });

  it('refuses bad input before touching the disk, naming the field', () => {
    const registry = openRegistry();
    registry.addVersion('credit', contents(1));
    const cases: [() => unknown, string][] = [
      [() => registry.addVersion('../etc', contents(1)), 'model: expected a name'],
      [() => registry.addVersion('Credit', contents(1)), 'model: expected a name'],
      [
        () => registry.addVersion('credit', contents(1, { artifact: { weights: [1, NaN] } })),
        'artifact.weights[1]: NaN',
      ],
      [
        () => registry.addVersion('credit', contents(1, { trainingWindow: { from: new Date(0) } })),
        'trainingWindow.from: a Date',
      ],
      [
        () => registry.addVersion('credit', contents(1, { profile: [1, 2] })),
        'profile: expected a JSON object, got an array',
      ],
      [
        () => registry.addVersion('credit', contents(1, { gates: { ok: true } })),
        'gates.passed: expected true or false',
      ],
      [() => registry.version('credit', 0), 'version: expected a whole number from 1'],
      [() => registry.promote('credit', 1, '  '), 'reason: expected a non-empty text'],
    ];
    for (const [f, message] of cases) {
      const e = failure(f);
      expect([e.code, e.message]).toEqual(['invalid', expect.stringContaining(message)]);
    }
    expect(registry.versions('credit')).toHaveLength(1);
    expect(registry.models()).toEqual(['credit']);
    expect(registry.deployments('credit')).toEqual([]);
  });

  it('stores promotion-gate results, given at creation or recorded later', () => {
    const registry = openRegistry();
    registry.addVersion(
      'credit',
      contents(1, { gates: { passed: true, checks: [{ name: 'holdout', passed: true }] } }),
    );
    registry.addVersion('credit', contents(2));
    expect(registry.version('credit', 1).gates).toEqual({
      passed: true,
      checks: [{ name: 'holdout', passed: true }],
    });
    registry.recordGates('credit', 2, { passed: false, failed: ['invariance'] });
    expect(registry.version('credit', 2)).toMatchObject({ status: 'rejected', gates: { passed: false } });
    expect(failure(() => registry.recordGates('credit', 3, { passed: true })).code).toBe('not-found');
  });
});

describe('ModelRegistry: promote, rollback and history', () => {
  it('promotes forward, rolls back to any earlier version, and keeps the history', () => {
    const registry = openRegistry();
    for (let i = 1; i <= 4; i++) registry.addVersion('credit', contents(i));
    expect(registry.current('credit')).toBeNull();
    registry.promote('credit', 2, 'initial deployment');
    registry.promote('credit', 4, 'retrained on recent data');
    expect(registry.current('credit')?.version).toBe(4);
    registry.rollback('credit', 1, 'v4 misbehaves, back to the first model');
    expect(registry.current('credit')?.version).toBe(1);
    registry.promote('credit', 3, 'forward again');
    expect(registry.versions('credit').map((v) => v.status)).toEqual([
      'retired',
      'retired',
      'serving',
      'retired',
    ]);
    expect(registry.deployments('credit')).toEqual([
      {
        seq: 1,
        action: 'promote',
        at: '2026-01-05T09:06:00.000Z',
        from: null,
        to: 2,
        reason: 'initial deployment',
      },
      {
        seq: 2,
        action: 'promote',
        at: '2026-01-05T09:07:00.000Z',
        from: 2,
        to: 4,
        reason: 'retrained on recent data',
      },
      {
        seq: 3,
        action: 'rollback',
        at: '2026-01-05T09:08:00.000Z',
        from: 4,
        to: 1,
        reason: 'v4 misbehaves, back to the first model',
      },
      { seq: 4, action: 'promote', at: '2026-01-05T09:09:00.000Z', from: 1, to: 3, reason: 'forward again' },
    ]);
    expect(registry.current('credit')?.artifact()).toEqual(contents(3).artifact);
  });

  it('refuses moves that contradict the direction or the state', () => {
    const registry = openRegistry();
    for (let i = 1; i <= 3; i++) registry.addVersion('credit', contents(i));
    const conflict = (f: () => unknown) => {
      const e = failure(f);
      expect(e.code).toBe('conflict');
      return e.message;
    };
    expect(conflict(() => registry.rollback('credit', 1, 'x'))).toMatch(/nothing serves yet/);
    registry.promote('credit', 2, 'first');
    expect(conflict(() => registry.promote('credit', 2, 'again'))).toMatch(/already serving/);
    expect(conflict(() => registry.promote('credit', 1, 'back'))).toMatch(/use rollback/);
    expect(conflict(() => registry.rollback('credit', 3, 'forward'))).toMatch(/use promote/);
    expect(failure(() => registry.promote('credit', 9, 'x')).code).toBe('not-found');
    expect(registry.deployments('credit')).toHaveLength(1);
  });

  it('keeps everything across reopening, and numbers carry on', () => {
    let registry = openRegistry();
    for (let i = 1; i <= 3; i++) registry.addVersion('credit', contents(i));
    registry.addVersion('fraud', contents(7));
    registry.promote('credit', 3, 'go');
    registry.rollback('credit', 2, 'back');
    const before = { versions: registry.versions('credit'), history: registry.deployments('credit') };
    registry = reopen(registry);
    expect(registry.recovered).toEqual([]);
    expect(registry.models()).toEqual(['credit', 'fraud']);
    expect(registry.versions('credit')).toEqual(before.versions);
    expect(registry.deployments('credit')).toEqual(before.history);
    expect(registry.current('credit')?.version).toBe(2);
    expect(registry.version('fraud', 1).artifact()).toEqual(contents(7).artifact);
    expect(registry.addVersion('credit', contents(4))).toBe(4);
    expect(registry.rollback('credit', 1, 'further back').seq).toBe(3);
  });
});

describe('ModelRegistry: crashes, leftovers and numbers', () => {
  it('does not list a model whose first version never finished (a crash after its folders were made)', () => {
    const registry = openRegistry();
    registry.addVersion('sea', contents(1));
    mkdirSync(join(root, 'reg', 'credit')); // killed before versions/ existed
    mkdirSync(join(root, 'reg', 'fraud', 'versions'), { recursive: true }); // killed before publishing
    expect(registry.models()).toEqual(['sea']);
    expect(() => registry.versions('credit')).toThrow(/unknown model "credit" \(known: sea\)/);
    expect(registry.addVersion('credit', contents(1))).toBe(1);
    expect(registry.models()).toEqual(['credit', 'sea']);
  });

  it('hides and removes an unfinished version write, and never reuses its number', () => {
    let registry = openRegistry();
    for (let i = 1; i <= 3; i++) registry.addVersion('credit', contents(i));
    registry.close();
    // What a crash while writing version 4 leaves: the counter already reserved 4, half a directory.
    writeFileSync(join(root, 'reg', 'credit', 'next-version.json'), '{"next":5}\n');
    const partial = join(root, 'reg', 'credit', 'versions', '.partial-000004');
    mkdirSync(partial);
    writeFileSync(join(partial, 'artifact.json'), '{"kind":"logis');
    registry = openRegistry();
    expect(registry.recovered).toEqual([expect.stringContaining('removed an unfinished write of version 4')]);
    expect(existsSync(partial)).toBe(false);
    expect(registry.versions('credit').map((v) => v.version)).toEqual([1, 2, 3]);
    expect(registry.addVersion('credit', contents(5))).toBe(5);
  });

  it('derives the next number from the directories when the counter is gone or damaged', () => {
    let registry = openRegistry();
    for (let i = 1; i <= 3; i++) registry.addVersion('credit', contents(i));
    rmSync(join(root, 'reg', 'credit', 'next-version.json'));
    expect(registry.addVersion('credit', contents(4))).toBe(4);
    writeFileSync(join(root, 'reg', 'credit', 'next-version.json'), '{"ne');
    registry = reopen(registry);
    expect(registry.addVersion('credit', contents(5))).toBe(5);
  });

  it('removes leftover temporaries of pointer, counter and gate updates', () => {
    let registry = openRegistry();
    registry.addVersion('credit', contents(1));
    registry.close();
    const leftovers = [
      join(root, 'reg', 'credit', '.current.json.tmp'),
      join(root, 'reg', 'credit', '.next-version.json.tmp'),
      join(versionDir('credit', 1), '.gates.json.tmp'),
    ];
    for (const file of leftovers) writeFileSync(file, '{"half');
    registry = openRegistry();
    expect(registry.recovered).toHaveLength(3);
    for (const file of leftovers) expect(existsSync(file)).toBe(false);
    expect(registry.versions('credit')[0].status).toBe('candidate');
  });

  it('cuts a torn last history line and restores an entry the pointer holds', () => {
    let registry = openRegistry();
    for (let i = 1; i <= 3; i++) registry.addVersion('credit', contents(i));
    registry.promote('credit', 1, 'a');
    registry.promote('credit', 2, 'b');
    registry.promote('credit', 3, 'c');
    registry.close();
    const log = join(root, 'reg', 'credit', 'deployments.jsonl');
    const lines = readFileSync(log, 'utf8').split('\n');
    // The crash came after the pointer moved to 3 and while the history line was being appended.
    writeFileSync(log, `${lines[0]}\n${lines[1]}\n${lines[2].slice(0, 20)}`);
    const readOnly = openRegistry({ readOnly: true });
    expect(readOnly.deployments('credit').map((d) => d.to)).toEqual([1, 2, 3]);
    registry = openRegistry();
    expect(registry.recovered).toEqual([
      expect.stringContaining('removed a torn last line'),
      expect.stringContaining('restored deployment 3 (to version 3)'),
    ]);
    expect(readFileSync(log, 'utf8')).toBe(`${lines.slice(0, 3).join('\n')}\n`);
    expect(registry.rollback('credit', 1, 'd').seq).toBe(4);
  });
});

describe('ModelRegistry: damaged files', () => {
  function threeVersions() {
    const registry = openRegistry();
    for (let i = 1; i <= 3; i++) registry.addVersion('credit', contents(i));
    registry.addVersion('fraud', contents(1));
    registry.promote('credit', 1, 'first');
    return registry;
  }

  it('lists a version with a truncated metadata file as unreadable and serves the others', () => {
    let registry = threeVersions();
    const meta = join(versionDir('credit', 2), 'version.json');
    truncateSync(meta, 40);
    const listed = registry.versions('credit');
    expect(listed.map((v) => v.status)).toEqual(['serving', 'unreadable', 'candidate']);
    expect(listed[1]).toMatchObject({
      file: meta,
      problem: expect.stringContaining(`${meta}: the version metadata is not valid JSON`),
    });
    const e = failure(() => registry.version('credit', 2));
    expect([e.code, e.file]).toEqual(['corrupt', meta]);
    expect(failure(() => registry.promote('credit', 2, 'x')).code).toBe('corrupt');
    registry.promote('credit', 3, 'skip the damaged one');
    registry = reopen(registry);
    expect(registry.current('credit')?.version).toBe(3);
    expect(registry.versions('fraud')[0].status).toBe('candidate');
  });

  it('catches a truncated artifact when listing and a damaged profile when loading', () => {
    const registry = threeVersions();
    const artifact = join(versionDir('credit', 2), 'artifact.json');
    truncateSync(artifact, 10);
    expect(registry.versions('credit')[1]).toMatchObject({
      status: 'unreadable',
      problem: expect.stringMatching(/artifact\.json: the artifact has 10 bytes, \d+ were written/),
    });
    // Same size, different bytes: only the digest can tell.
    const profile = join(versionDir('credit', 3), 'profile.json');
    const text = readFileSync(profile, 'utf8');
    writeFileSync(profile, text.replace('"bins":[0,3', '"bins":[0,4'));
    expect(registry.versions('credit')[2].status).toBe('candidate');
    const e = failure(() => registry.version('credit', 3).profile());
    expect([e.code, e.file]).toEqual(['corrupt', profile]);
    expect(e.message).toMatch(/does not match the digest/);
    expect(failure(() => registry.promote('credit', 3, 'x')).code).toBe('corrupt');
    expect(registry.current('credit')?.version).toBe(1);
  });

  it('reports a damaged pointer by name without blocking the listing or other models', () => {
    let registry = threeVersions();
    registry.promote('fraud', 1, 'first');
    registry.close();
    const pointer = join(root, 'reg', 'credit', 'current.json');
    writeFileSync(pointer, '{"version": 1, "deploym');
    registry = openRegistry();
    expect(registry.recovered).toEqual([
      expect.stringContaining(`credit: could not be fully recovered: ${pointer}`),
    ]);
    const e = failure(() => registry.current('credit'));
    expect([e.code, e.file]).toEqual(['corrupt', pointer]);
    expect(registry.versions('credit').map((v) => v.status)).toEqual(['retired', 'candidate', 'candidate']);
    expect(registry.current('fraud')?.version).toBe(1);
    expect(failure(() => registry.promote('credit', 2, 'x')).message).toMatch(
      /delete the file to clear the pointer/,
    );
  });

  it('names the line of a damaged history entry; deployments still work', () => {
    const registry = threeVersions();
    const log = join(root, 'reg', 'credit', 'deployments.jsonl');
    appendFileSync(log, '{"seq": "two"}\n');
    const e = failure(() => registry.deployments('credit'));
    expect([e.code, e.file]).toEqual(['corrupt', log]);
    expect(e.message).toContain(`${log}:2: seq: expected a whole number from 1`);
    expect(registry.promote('credit', 2, 'still possible').seq).toBe(2);
  });

  it('reports a pointer at a version that does not exist', () => {
    const registry = threeVersions();
    rmSync(versionDir('credit', 1), { recursive: true });
    expect(failure(() => registry.current('credit')).message).toMatch(
      /points at version 1, which does not exist/,
    );
    expect(registry.promote('credit', 2, 'recover').from).toBe(1);
  });
});

describe('ModelRegistry: opening, ownership and read-only readers', () => {
  it('names the directory when it is missing or not a directory', () => {
    const missing = failure(() => ModelRegistry.open(join(root, 'nope'), { create: false }));
    expect([missing.code, missing.message]).toEqual([
      'not-found',
      `${join(root, 'nope')}: the registry directory does not exist`,
    ]);
    expect(failure(() => ModelRegistry.open(join(root, 'nope'), { readOnly: true })).code).toBe('not-found');
    writeFileSync(join(root, 'file'), 'x');
    expect(failure(() => ModelRegistry.open(join(root, 'file'))).message).toBe(
      `${join(root, 'file')}: not a directory`,
    );
    expect(failure(() => ModelRegistry.open(join(root, 'file', 'sub'))).code).toBe('io');
  });

  it('has one owner: a second open in this process or by a live process is refused', () => {
    const registry = openRegistry();
    expect(failure(() => ModelRegistry.open(registry.dir)).message).toMatch(/already open in this process/);
    registry.close();
    expect(existsSync(join(registry.dir, 'registry.lock'))).toBe(false);
    // The parent of this test process is alive.
    writeFileSync(
      join(registry.dir, 'registry.lock'),
      JSON.stringify({ pid: process.ppid, hostname: 'h', since: 'then' }),
    );
    const e = failure(() => ModelRegistry.open(registry.dir));
    expect([e.code, e.message]).toEqual([
      'locked',
      expect.stringContaining(`owned by process ${process.ppid} on h`),
    ]);
  });

  it('replaces a stale lock left by a dead process', () => {
    const dead = spawnSync(process.execPath, ['-e', '0']).pid as number;
    mkdirSync(join(root, 'reg'));
    writeFileSync(
      join(root, 'reg', 'registry.lock'),
      JSON.stringify({ pid: dead, hostname: 'h', since: 'then' }),
    );
    const registry = openRegistry();
    expect(registry.recovered).toEqual([expect.stringContaining(`stale lock of process ${dead}`)]);
    expect(JSON.parse(readFileSync(join(registry.dir, 'registry.lock'), 'utf8')).pid).toBe(process.pid);
    registry.close();
    writeFileSync(join(root, 'reg', 'registry.lock'), '');
    expect(openRegistry().recovered).toEqual([expect.stringContaining('held no process id')]);
  });

  it('lets readers in without the lock, sees the owner’s changes, refuses their writes', () => {
    const owner = openRegistry();
    owner.addVersion('credit', contents(1));
    const reader = openRegistry({ readOnly: true });
    expect(reader.current('credit')).toBeNull();
    owner.addVersion('credit', contents(2));
    owner.promote('credit', 2, 'go');
    expect(reader.current('credit')?.profile()).toEqual(contents(2).profile);
    expect(reader.versions('credit').map((v) => v.status)).toEqual(['candidate', 'serving']);
    expect(failure(() => reader.addVersion('credit', contents(3))).code).toBe('read-only');
    expect(failure(() => reader.promote('credit', 1, 'x')).code).toBe('read-only');
    owner.close();
    expect(failure(() => owner.addVersion('credit', contents(3))).message).toMatch(/was closed/);
  });

  it('leaves only version directories, the pointer, the history and the counter on disk', () => {
    const registry = openRegistry();
    registry.addVersion('credit', contents(1, { gates: { passed: true } }));
    registry.promote('credit', 1, 'go');
    expect(readdirSync(join(registry.dir)).sort()).toEqual(['credit', 'registry.lock']);
    expect(readdirSync(join(registry.dir, 'credit')).sort()).toEqual([
      'current.json',
      'deployments.jsonl',
      'next-version.json',
      'versions',
    ]);
    expect(readdirSync(join(registry.dir, 'credit', 'versions'))).toEqual(['000001']);
    expect(readdirSync(versionDir('credit', 1)).sort()).toEqual([
      'artifact.json',
      'gates.json',
      'profile.json',
      'version.json',
    ]);
  });
});
