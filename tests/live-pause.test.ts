// A tutor pauses an incident to explain the situation as it is: over real HTTP against the built
// `driftlab start`, the drift score a paused covariate shift raised holds for a simulated hour.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { stringify } from 'yaml';
import { incomeDrop, labRequest, startLab, type LiveLab } from './support/live-lab';

const TUTOR = 'tutor-secret-for-the-pause-test';

jest.setTimeout(240_000);

const SCENARIO = incomeDrop({
  id: 'test-income-drop',
  title: 'Poorer applicants',
  seed: 5,
  start: '0m',
  duration: '24h',
});

let dir: string;
let lab: LiveLab;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'driftlab-pause-'));
  const args = ['--world', 'credit', '--speed', '600', '--data', join(dir, 'data'), '--no-prometheus'];
  lab = await startLab(args, { DRIFTLAB_TUTOR_TOKEN: TUTOR });
});

afterAll(async () => {
  await lab.stop();
  rmSync(dir, { recursive: true, force: true });
});

const tutor = (method: 'GET' | 'POST', path: string, body?: object) =>
  labRequest(lab.url, method, path, TUTOR, body);

/** The normed Wasserstein distance of annual_income now (NaN before the exporter has it). */
async function incomeDrift(): Promise<number> {
  const text = await (await fetch(`${lab.url}/metrics`)).text();
  const m =
    /^driftlab_drift_score\{[^}]*feature="annual_income"[^}]*method="wasserstein_norm"[^}]*\} (\S+)$/m.exec(
      text,
    );
  return m ? Number(m[1]) : NaN;
}

/** The simulated time of the lab's latest traffic line (every 10 simulated minutes). */
function trafficTime(): number {
  const lines = lab.logged('traffic');
  return lines.length ? Date.parse(lines[lines.length - 1].simulatedTime as string) : NaN;
}

describe('pausing an incident', () => {
  it('holds the drift score it had raised within 10 % for a simulated hour, until resumed', async () => {
    const started = await tutor('POST', '/v1/incidents', { scenario_yaml: stringify(SCENARIO) });
    expect(started.status).toBe(201);
    const id = started.json.id as string;
    // Until the drift window (2,000 requests, under two simulated hours of credit traffic) holds
    // shifted traffic only: two simulated hours after the onset, on the traffic's clock.
    let onset = NaN;
    for (let i = 0; i < 600 && !(trafficTime() >= onset + 2 * 3600_000); i++) {
      await sleep(250);
      const view = (await tutor('GET', `/v1/incidents/${id}`)).json as {
        onsetSimulated: Record<string, string>;
      };
      onset = Date.parse(view.onsetSimulated['team-1'] ?? '');
    }
    expect(trafficTime()).toBeGreaterThanOrEqual(onset + 2 * 3600_000);
    expect(await incomeDrift()).toBeGreaterThan(0.3);
    expect((await tutor('POST', `/v1/incidents/${id}/pause`)).status).toBe(200);
    const pausedAt = trafficTime();
    const paused = await incomeDrift();
    const seen: number[] = [];
    while (!(trafficTime() >= pausedAt + 3600_000)) {
      await sleep(250);
      seen.push(await incomeDrift());
    }
    expect(seen.length).toBeGreaterThan(5);
    for (const score of seen) expect(Math.abs(score - paused) / paused).toBeLessThanOrEqual(0.1);
    expect((await tutor('GET', `/v1/incidents/${id}`)).json.state).toBe('paused');
    expect((await tutor('POST', `/v1/incidents/${id}/abort`)).status).toBe(200);
  });
});
