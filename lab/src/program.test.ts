import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getWorld, Simulation, toRecord } from '@driftlab/simulator';
import { LabelledLog, ModelRegistry } from '@driftlab/serving';
import { labelledLogPath, registryDir } from './data-dir';
import { runCli } from './program';
import { MemoryStream, run } from './testing';

const COMMANDS = [
  [],
  ['start'],
  ['simulate'],
  ['scenario'],
  ['scenario', 'list'],
  ['scenario', 'show'],
  ['scenario', 'validate'],
  ['world'],
  ['world', 'list'],
  ['world', 'show'],
];

// These tests run the lab for real (HTTP, training, a simulated clock): give them room on a busy machine.
jest.setTimeout(30_000);

describe('driftlab command line', () => {
  it.each(COMMANDS)('prints help for `%s --help` and exits 0', async (...command) => {
    const { code, stdout } = await run(...command, '--help');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: driftlab/);
  });

  it('exits 2 with a message for an unknown command or option', async () => {
    const unknown = await run('simulat');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown command 'simulat'/);
    const option = await run('simulate', '--world', 'credit', '--seed', '1', '--events', '5', '--colour');
    expect(option.code).toBe(2);
    expect(option.stderr).toMatch(/unknown option '--colour'/);
  });

  it.each([
    [
      ['--world', 'credit', '--seed', '1', '--events', 'ten'],
      /--events <n>.*'ten' is invalid\. expected a positive whole number/,
    ],
    [['--world', 'credit', '--seed', '1', '--events', '0'], /expected a positive whole number/],
    [
      ['--world', 'mars', '--seed', '1', '--events', '5'],
      /'mars' is invalid\. expected one of: credit, fraud, delivery/,
    ],
    [
      ['--world', 'credit', '--seed', '-3', '--events', '5'],
      /--seed <n>.*expected a whole number from 0 to 4294967295/,
    ],
    [['--world', 'credit', '--seed', '1', '--events', '5', '--format', 'xml'], /expected one of: jsonl, csv/],
    [['--world', 'credit', '--events', '5'], /required option '--seed <n>' not specified/],
    [['--seed', '1', '--events', '5'], /required option '--world <name>' not specified/],
    [['--world', 'credit', '--seed', '1'], /required option '--events <n>' not specified/],
    [
      ['--world', 'credit', '--seed', '1', '--events', '5', '--start', 'yesterday'],
      /expected an ISO 8601 time/,
    ],
  ])('simulate %j is a usage error (exit 2)', async (args, message) => {
    const { code, stderr, stdout } = await run('simulate', ...args);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stdout).toBe('');
  });

  it('start --until names the bound of a duration too long, and the form of one that is not a duration', async () => {
    const long = await run('start', '--until', '400d');
    expect([long.code, long.stderr]).toEqual([
      2,
      expect.stringMatching(/'400d' is invalid\. expected a duration of at most 365 days/),
    ]);
    const huge = await run('start', '--until', '99999999999999999999d');
    expect([huge.code, huge.stderr]).toEqual([
      2,
      expect.stringMatching(/expected a duration of at most 365 days/),
    ]);
    const wrong = await run('start', '--until', 'soon');
    expect([wrong.code, wrong.stderr]).toEqual([2, expect.stringMatching(/expected a duration such as 90s/)]);
  });

  it('simulate writes the requested number of JSONL events with the documented fields', async () => {
    const { code, stdout } = await run('simulate', '--world', 'credit', '--seed', '7', '--events', '50');
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(50);
    const credit = getWorld('credit')!;
    for (const line of lines) {
      const event = JSON.parse(line);
      expect(new Date(event.time).toISOString()).toBe(event.time);
      expect(event.world).toBe('credit');
      expect(Object.keys(event.features)).toEqual(credit.features.map((f) => f.name));
      expect([0, 1]).toContain(event.label);
      expect(event.incidents).toEqual([]);
    }
  });

  it('simulate is deterministic: same seed, same bytes; another seed, other bytes', async () => {
    const a = await run('simulate', '--world', 'fraud', '--seed', '11', '--events', '200');
    const b = await run('simulate', '--world', 'fraud', '--seed', '11', '--events', '200');
    const c = await run('simulate', '--world', 'fraud', '--seed', '12', '--events', '200');
    expect(a.stdout).toBe(b.stdout);
    expect(a.stdout).not.toBe(c.stdout);
  });

  it('simulate writes CSV with a header of time, the features and label', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'driftlab-'));
    const out = join(dir, 'delivery.csv');
    const { code, stdout } = await run(
      'simulate',
      '--world',
      'delivery',
      '--seed',
      '3',
      '--events',
      '20',
      '--format',
      'csv',
      '--out',
      out,
    );
    expect(code).toBe(0);
    expect(stdout).toBe('');
    const rows = readFileSync(out, 'utf8').trimEnd().split('\n');
    const names = getWorld('delivery')!.features.map((f) => f.name);
    expect(rows[0]).toBe(['time', ...names, 'label'].join(','));
    expect(rows).toHaveLength(21);
    for (const row of rows.slice(1)) expect(row.split(',')).toHaveLength(names.length + 2);
  });

  it('simulate with a scenario uses its seed and world and marks the incident', async () => {
    const { code, stdout } = await run('simulate', '--scenario', 'credit-income-drop', '--events', '60000');
    expect(code).toBe(0);
    const events = stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(events[0].world).toBe('credit');
    const first = events.findIndex((e) => e.incidents.includes('income-drop'));
    expect(first).toBeGreaterThan(0);
    // The step starts 6h after the start (2026-01-05T00:00:00Z).
    expect(Date.parse(events[first].time)).toBeGreaterThanOrEqual(Date.UTC(2026, 0, 5, 6));
    expect(Date.parse(events[first - 1].time)).toBeLessThan(Date.UTC(2026, 0, 5, 6));
  });

  it('scenario list shows every built-in scenario; show prints one with its answer key', async () => {
    const list = await run('scenario', 'list', '--json');
    expect(list.code).toBe(0);
    const ids = JSON.parse(list.stdout).map((r: { id: string }) => r.id);
    expect(ids).toContain('credit-income-drop');
    const show = await run('scenario', 'show', 'credit-income-drop', '--json');
    expect(show.code).toBe(0);
    const shown = JSON.parse(show.stdout);
    expect(shown.answer.features).toEqual(['annual_income']);
    expect(shown.timeline[0].start).toBe('6h');
  });

  it('scenario show of an unknown id fails (exit 1) listing the built-in ids', async () => {
    const { code, stderr } = await run('scenario', 'show', 'no-such-thing');
    expect(code).toBe(1);
    expect(stderr).toMatch(
      /no-such-thing:1:1: no such file, and no built-in scenario with this id; built-in ids: .*credit-income-drop/,
    );
  });

  it('scenario validate passes good files and exits 1 naming file, line and field of bad ones', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'driftlab-'));
    const good = join(dir, 'good.yaml');
    const bad = join(dir, 'bad.yaml');
    const text = readFileSync(join(__dirname, '../../simulator/scenarios/credit-income-drop.yaml'), 'utf8');
    writeFileSync(good, text);
    writeFileSync(bad, text.replace('by: -22000', 'by: "a lot"'));
    const ok = await run('scenario', 'validate', good);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/good\.yaml: ok \(credit-income-drop, 1 step\)/);
    const notOk = await run('scenario', 'validate', good, bad);
    expect(notOk.code).toBe(1);
    const line = text.split('\n').findIndex((l) => l.includes('by: -22000')) + 1;
    expect(notOk.stderr).toContain(`${bad}:${line}:`);
    expect(notOk.stderr).toMatch(/timeline\[0\]\.params\.by: expected number, got "a lot"/);
    expect(notOk.stderr).toMatch(/1 of 2 scenario file\(s\) invalid/);
  });

  it('world show lists the features with units', async () => {
    const { code, stdout } = await run('world', 'show', 'delivery');
    expect(code).toBe(0);
    for (const f of getWorld('delivery')!.features) expect(stdout).toContain(f.name);
  });

  it('start runs serving and live traffic until --until, logging JSON without incident names', async () => {
    const data = mkdtempSync(join(tmpdir(), 'driftlab-lab-'));
    const { code, stderr } = await run(
      'start',
      '--speed',
      '20000',
      '--until',
      '30m',
      '--world',
      'credit',
      '--port',
      '0',
      '--data',
      data,
      '--no-prometheus',
    );
    expect(code).toBe(0);
    const logs = stderr
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(logs.map((l) => l.message)).toEqual(
      expect.arrayContaining(['trained initial models', 'serving', 'lab started', 'traffic', 'lab stopped']),
    );
    const started = logs.find((l) => l.message === 'lab started');
    expect(started.components).toEqual(['simulator', 'serving', 'exporter']);
    const last = logs[logs.length - 1];
    expect(last.message).toBe('lab stopped');
    // 30 simulated minutes at about 2 requests per second (less at night).
    expect(last.requests.credit).toBeGreaterThan(300);
    // Sent over HTTP to serving, which answered (some may be dropped at this speed, never lost silently).
    expect(last.answers['200']).toBeGreaterThan(0);
    expect(last.answers['200'] + last.dropped).toBe(last.requests.credit);
    expect(logs.filter((l) => l.message === 'traffic')).toHaveLength(2);
    // Access logs are at the http level, below the default info.
    expect(logs.filter((l) => l.message === 'prediction')).toEqual([]);
  });

  it('start fails with a clear message when the port is taken (exit 1)', async () => {
    const blocker = createServer().listen(0, '127.0.0.1');
    await once(blocker, 'listening');
    const port = String((blocker.address() as AddressInfo).port);
    const data = mkdtempSync(join(tmpdir(), 'driftlab-lab-'));
    const { code, stderr } = await run(
      'start',
      '--only',
      'serving',
      '--port',
      port,
      '--data',
      data,
      '--world',
      'sea',
    );
    blocker.close();
    expect(code).toBe(1);
    expect(stderr).toContain(`cannot serve on 127.0.0.1:${port} (EADDRINUSE); choose another --port`);
  });

  it('start --monitoring reads a YAML configuration and names a bad field', async () => {
    const data = mkdtempSync(join(tmpdir(), 'driftlab-lab-'));
    const bad = join(data, 'bad.yaml');
    writeFileSync(bad, 'windows:\n  - { count: 500 }\n  - { minutes: 5 }\n');
    const refused = await run('start', '--monitoring', bad, '--data', data, '--no-prometheus');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(
      `driftlab: --monitoring ${bad}: windows[1]: expected {count: n} or {seconds: s, capacity: n}, got {"minutes":5}\n`,
    );
    const good = join(data, 'good.yaml');
    writeFileSync(
      good,
      'windows: [{ count: 200 }]\ndrift_window: 500\ndrift_tests: { sea: { f1: { method: ks } } }\n',
    );
    const ran = await run(
      'start',
      '--monitoring',
      good,
      '--world',
      'sea',
      '--speed',
      '50000',
      '--until',
      '10m',
      '--port',
      '0',
      '--data',
      data,
      '--no-prometheus',
    );
    expect(ran.code).toBe(0);
  });

  it('start --only simulator runs without serving', async () => {
    const { code, stderr } = await run(
      'start',
      '--only',
      'simulator',
      '--speed',
      '100000',
      '--until',
      '10m',
      '--world',
      'sea',
    );
    expect(code).toBe(0);
    const logs = stderr
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(logs[0]).toMatchObject({ message: 'lab started', components: ['simulator'] });
    expect(logs[logs.length - 1].answers).toBeUndefined();
  });
});

describe('driftlab simulate, pacing and progress', () => {
  it('--speed paces output to simulated time', async () => {
    const started = performance.now();
    const { code, stdout } = await run(
      'simulate',
      '--world',
      'sea',
      '--seed',
      '5',
      '--events',
      '30',
      '--speed',
      '50',
    );
    const elapsed = performance.now() - started;
    expect(code).toBe(0);
    const times = stdout
      .trimEnd()
      .split('\n')
      .map((l) => Date.parse(JSON.parse(l).time));
    // The last event cannot come out before its simulated time, at 50×, has passed in real time.
    expect(elapsed).toBeGreaterThanOrEqual((times[times.length - 1] - Date.UTC(2026, 0, 5)) / 50 - 5);
  });

  it('shows a progress bar on stderr only when stderr is a terminal', async () => {
    const io = { stdout: new MemoryStream(), stderr: new MemoryStream() };
    io.stderr.isTTY = true;
    expect(await runCli(['simulate', '--world', 'credit', '--seed', '1', '--events', '40000'], io)).toBe(0);
    expect(io.stderr.text).toMatch(/40000\/40000/);
    expect((await run('simulate', '--world', 'credit', '--seed', '1', '--events', '100')).stderr).toBe('');
  });
});

describe('driftlab simulate, output errors', () => {
  it('fails (exit 1) naming the file when it cannot write --out', async () => {
    const { code, stderr } = await run(
      'simulate',
      '--world',
      'sea',
      '--seed',
      '1',
      '--events',
      '10',
      '--out',
      '/no/such/dir/x.jsonl',
    );
    expect(code).toBe(1);
    expect(stderr).toMatch(/cannot write \/no\/such\/dir\/x\.jsonl: ENOENT/);
  });

  it('refuses a world the scenario does not run (exit 2)', async () => {
    const { code, stderr } = await run(
      'simulate',
      '--scenario',
      'credit-income-drop',
      '--world',
      'fraud',
      '--events',
      '5',
    );
    expect(code).toBe(2);
    expect(stderr).toMatch(/scenario "credit-income-drop" does not run world "fraud"; it runs: credit/);
  });
});

describe('driftlab models', () => {
  it('trains, lists, promotes and rolls back versions in the data directory', async () => {
    const data = mkdtempSync(join(tmpdir(), 'driftlab-models-'));
    const v1 = await run('models', 'train', 'sea', '--events', '2000', '--data', data);
    expect(v1.code).toBe(0);
    expect(v1.stdout).toMatch(/^v1 {2}candidate .* accuracy 0\.\d{4}\n$/);
    expect(v1.stderr).toBe('training sea on 2,000 simulated events (seed 1)…\n');
    const first = await run('models', 'promote', 'sea', '1', '--data', data);
    expect(first.stdout).toMatch(/^pass {2}holdout accuracy/m);
    expect(first.stdout).not.toMatch(/^FAIL/m);
    expect(first.stdout).toMatch(/^sea: v- -> v1 \(promote, /m);
    await run('models', 'train', 'sea', '--seed', '2', '--events', '2000', '--data', data);
    expect((await run('models', 'promote', 'sea', '2', '--data', data)).code).toBe(0);
    expect((await run('models', 'list', '--data', data)).stdout).toBe(
      'sea          serving v2  2 version(s)\n',
    );
    const back = await run('models', 'rollback', 'sea', '1', '--reason', 'v2 is worse', '--data', data);
    expect(back.stdout).toMatch(/^sea: v2 -> v1 \(rollback, /);
    const versions = (await run('models', 'versions', 'sea', '--data', data)).stdout.trimEnd().split('\n');
    expect(versions.map((l) => l.split(/\s+/).slice(0, 2).join(' '))).toEqual(['v1 serving', 'v2 retired']);
  });

  it('refuses to promote a candidate that fails its gates, printing the failed checks', async () => {
    const data = mkdtempSync(join(tmpdir(), 'driftlab-models-'));
    await run('models', 'train', 'credit', '--events', '5000', '--data', data);
    expect((await run('models', 'promote', 'credit', '1', '--data', data)).code).toBe(0);
    // A deliberately bad candidate: version 1 with every coefficient's sign flipped.
    const registry = ModelRegistry.open(registryDir(data));
    const good = registry.version('credit', 1);
    const artifact = good.artifact() as { coefficients: number[]; intercept: number };
    const bad = {
      ...artifact,
      coefficients: artifact.coefficients.map((c) => -c),
      intercept: -artifact.intercept,
    };
    const holdout = (good.metrics as { holdout: { accuracy: number } }).holdout;
    registry.addVersion('credit', {
      artifact: bad,
      trainingWindow: good.trainingWindow,
      metrics: { ...good.metrics, holdout: { ...holdout, accuracy: 1 - holdout.accuracy } },
      featureSchema: good.featureSchema,
      profile: good.profile() as object,
    });
    registry.close();
    const refused = await run('models', 'promote', 'credit', '2', '--data', data);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(/^FAIL {2}holdout accuracy/m);
    expect(refused.stderr).toMatch(/credit v2 failed \d+ gate check\(s\) and was not promoted/);
    expect((await run('models', 'list', '--data', data)).stdout).toMatch(/^credit\s+serving v1 /);
    expect((await run('models', 'versions', 'credit', '--data', data)).stdout).toMatch(/^v2 {2}rejected/m);
  });

  it('fails with a clear message for unknown models and versions', async () => {
    const data = mkdtempSync(join(tmpdir(), 'driftlab-models-'));
    const unknown = await run('models', 'versions', 'mortgage', '--data', data);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/unknown model "mortgage"/);
    await run('models', 'train', 'sea', '--events', '2000', '--data', data);
    const missing = await run('models', 'promote', 'sea', '7', '--data', data);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/version 7/);
    expect((await run('models', 'train', 'mars', '--data', data)).code).toBe(2);
    expect((await run('models', 'promote', 'sea', 'latest', '--data', data)).code).toBe(2);
  });

  it('retrains on the labelled log, prints the gate results, and promotes with --promote', async () => {
    const data = mkdtempSync(join(tmpdir(), 'driftlab-models-'));
    await run('models', 'train', 'sea', '--events', '2000', '--data', data);
    await run('models', 'promote', 'sea', '1', '--data', data);
    const none = await run('models', 'retrain', 'sea', '--last', '500', '--data', data);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/sea has 0 labelled event\(s\) in the log; a retrain needs at least 10/);
    const log = new LabelledLog(labelledLogPath(data));
    const simulation = new Simulation({ world: getWorld('sea')!, seed: 4 });
    const events = Array.from({ length: 4000 }, () => toRecord(simulation.next()));
    log.recordPredictions(
      events.map((e) => ({
        requestId: String(e.id),
        model: 'sea',
        version: 1,
        time: Date.parse(e.time),
        features: e.features,
        prediction: 0,
        score: 0.5,
      })),
    );
    log.recordLabels(
      events.map((e) => ({ requestId: String(e.id), label: e.label, time: Date.parse(e.time) + 1000 })),
    );
    log.close();
    const retrained = await run('models', 'retrain', 'sea', '--last', '3000', '--promote', '--data', data);
    // Progress on stderr only: stdout is the result.
    expect(retrained.stderr).toBe('retraining sea on its last 3,000 labelled events…\n');
    expect(retrained.code).toBe(0);
    const lines = retrained.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^v2 {2}serving .* \(3000 labelled events\)$/);
    expect(lines.filter((l) => l.startsWith('pass  ')).length).toBe(lines.length - 2);
    expect(lines.at(-1)).toMatch(/^sea: v1 -> v2 \(promote, /);
    expect((await run('models', 'retrain', 'sea', '--data', data)).code).toBe(2);
  });
});

describe('driftlab --json', () => {
  // Every command that prints data offers one JSON document on standard output instead.
  it.each([
    'world list',
    'world show',
    'models list',
    'models versions',
    'models deployments',
    'models train',
    'models retrain',
    'models promote',
    'models rollback',
    'diagnose',
    'stats',
    'scenario list',
    'scenario show',
    'incident list',
    'incident log',
    'incident start',
    'incident pause',
    'incident resume',
    'incident abort',
    'incident reveal',
    'playbook run',
    'lab teams',
    'scoreboard',
  ])('`%s` offers --json', async (command) => {
    const { code, stdout } = await run(...command.split(' '), '--help');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^ {2}--json\b/m);
  });
});
