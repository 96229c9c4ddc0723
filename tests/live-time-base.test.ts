// The live lab at a speed this machine cannot keep, over real HTTP against the built `driftlab
// start`: it slows its simulated clock instead of dropping traffic, says so, and an incident a tutor
// starts late in the run begins within its stated delay on the traffic's own clock.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { stringify } from 'yaml';
import { incomeDrop, labRequest, startLab, type LiveLab } from './support/live-lab';

const TUTOR = 'tutor-secret-for-the-time-base-test';
/** Far beyond what one lab process sends on 2 cores (it sustains hundreds to a few thousand ×). */
const SPEED = 20_000;

jest.setTimeout(180_000);

const SCENARIO = incomeDrop({
  id: 'test-late-drift',
  title: 'Late drift',
  seed: 3,
  start: '0m',
  duration: '6h',
});

let dir: string;
let lab: LiveLab;

const call = (method: 'GET' | 'POST', path: string, body?: object) =>
  labRequest(lab.url, method, path, TUTOR, body);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'driftlab-time-base-'));
  const args = [
    '--world',
    'credit',
    '--speed',
    String(SPEED),
    '--data',
    join(dir, 'data'),
    '--no-prometheus',
  ];
  lab = await startLab(args, { DRIFTLAB_TUTOR_TOKEN: TUTOR });
});

afterAll(async () => {
  await lab.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('a lab asked for more speed than it can keep', () => {
  it('slows its clock, says so once, and drops nothing', async () => {
    await sleep(8000); // late in the run: the old clock had run hours ahead of the traffic by now
    const slowed = lab.logged('the lab cannot keep --speed');
    expect(slowed).toHaveLength(1);
    expect(slowed[0]).toMatchObject({ level: 'warn', askedSpeed: SPEED });
    expect(slowed[0].effectiveSpeed as number).toBeLessThan(SPEED * 0.9);
    const traffic = lab.logged('traffic');
    expect(traffic.length).toBeGreaterThan(3);
    for (const t of traffic) expect([t.dropped, t.failed]).toEqual([0, 0]);
    const metrics = await (await fetch(`${lab.url}/metrics`)).text();
    expect(metrics).toMatch(/^driftlab_lab_requests_total\{outcome="dropped"\} 0$/m);
    expect(metrics).toMatch(/^driftlab_lab_requests_total\{outcome="failed"\} 0$/m);
    const answered = Number(/^driftlab_lab_requests_total\{outcome="answered"\} (\d+)$/m.exec(metrics)![1]);
    expect(answered).toBeGreaterThan(1000);
    const ratio = Number(/^driftlab_lab_speed_ratio (\S+)$/m.exec(metrics)![1]);
    expect(ratio).toBeGreaterThan(0);
    expect(ratio).toBeLessThan(0.9);
  });

  it('begins an incident started late within its stated delay, on the traffic clock', async () => {
    const started = await call('POST', '/v1/incidents', { scenario_yaml: stringify(SCENARIO), at: '30m' });
    expect(started.status).toBe(201);
    const id = started.json.id as string;
    const startsAt = Date.parse(started.json.startsAt as string);
    const asked = Date.now();
    let view: Record<string, Record<string, string>> = {};
    // 30 simulated minutes are well under a minute of real time even at a hundredth of the asked speed.
    for (let i = 0; i < 600 && !view.onsetSimulated?.['team-1']; i++) {
      await sleep(100);
      view = (await call('GET', `/v1/incidents/${id}`)).json as typeof view;
    }
    expect(view.onsetSimulated?.['team-1']).toBeDefined();
    expect(Date.now() - asked).toBeLessThan(60_000);
    // The first affected request is the first one sent at or after its start: within a second or so
    // of simulated time (credit's requests are seconds apart), never hours.
    const onset = Date.parse(view.onsetSimulated['team-1']);
    expect(onset).toBeGreaterThanOrEqual(startsAt);
    expect(onset - startsAt).toBeLessThan(60_000);
  });
});
