// What `driftlab start` shows a person at a terminal, captured on a real pseudo-terminal (util-linux
// `script`), and the JSON lines it writes when its output is not a terminal.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BIN = join(__dirname, '..', 'lab', 'bin', 'driftlab.js');
/** The terminal's escape character: a status line is redrawn with ESC [ K (clear to end of line). */
const ESC = String.fromCharCode(27);
/** Twenty simulated minutes at 600×: about two seconds of traffic, then the lab stops by itself. */
const ARGS = [
  'start',
  '--world',
  'sea',
  '--speed',
  '600',
  '--until',
  '20m',
  '--port',
  '0',
  '--no-prometheus',
];

describe('driftlab start, as people and machines read it', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'driftlab-start-output-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('on a terminal: a summary of what runs where, then one status line updated in place, no JSON', () => {
    const typescript = join(dir, 'terminal.txt');
    const command = [process.execPath, BIN, ...ARGS, '--data', join(dir, 'data')]
      .map((a) => `'${a}'`)
      .join(' ');
    const run = spawnSync('script', ['-qfec', command, typescript], { encoding: 'utf8', timeout: 60_000 });
    expect(run.status).toBe(0);
    const out = readFileSync(typescript, 'utf8').replace(/\r/g, '');
    const lines = out.split('\n');
    // The first start trains its model, and says so before it does.
    expect(out).toMatch(/training the first sea model \(once, on first start\)/);
    const summary = [
      /^driftlab is running: simulator, serving, exporter; speed 600× simulated; worlds sea$/,
      /^ {2}Lab API {7}http:\/\/127\.0\.0\.1:\d+ {3}\(\/metrics, \/openapi\.json\)$/,
      /^ {2}Prometheus {4}off \(--no-prometheus\)$/,
      /^ {2}Grafana {7}off \(--no-prometheus\)$/,
      /^ {2}Students {6}no Grafana here: students can read http:\/\/127\.0\.0\.1:\d+\/metrics/,
      new RegExp(`^ {2}Tutor token {3}in ${join(dir, 'data', 'tokens.json').replace(/[.]/g, '\\.')} `),
      /^ {2}Team tokens {3}DRIFTLAB_URL=http:\/\/127\.0\.0\.1:\d+ DRIFTLAB_TOKEN=<tutor token> npx driftlab lab teams$/,
    ];
    for (const line of summary) expect(lines.some((l) => line.test(l))).toBe(true);
    // The status line is drawn in place (carriage return, clear to the end of the line).
    const inPlace = new RegExp(
      `\r${ESC}\\[Ksimulated 2026-\\d\\d-\\d\\d \\d\\d:\\d\\d · \\d+× · [\\d,]+ requests · 0 alerts firing`,
    );
    expect(readFileSync(typescript, 'utf8')).toMatch(inPlace);
    expect(out).toMatch(/lab stopped \(simulatedTime/);
    expect(out).not.toMatch(/\{"level":/);
  }, 90_000);

  it('not on a terminal: JSON lines only, the same facts for machines', () => {
    const run = spawnSync(process.execPath, [BIN, ...ARGS, '--data', join(dir, 'data')], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status).toBe(0);
    const logged = run.stderr
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(logged.map((l) => l.message)).toEqual(
      expect.arrayContaining(['lab started', 'traffic', 'lab stopped']),
    );
    const started = logged.find((l) => l.message === 'lab started')!;
    expect(started).toMatchObject({ stack: 'off', tokensFile: join(dir, 'data', 'tokens.json') });
    expect(logged.find((l) => l.message === 'traffic')).toMatchObject({ alertsFiring: 0 });
  }, 90_000);
});
