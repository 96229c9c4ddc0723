// Cohort mode over real HTTP against the built `driftlab start --teams 2`: each team has its own
// port, models, traffic and metrics (labelled `team` by the lab's Prometheus); an incident for one team leaves the other's
// lab alone; a team's token acts on its own models only; `grafana setup --teams` gives each team
// its own Grafana view; the local Prometheus scrapes every team. The tutor token comes from a file.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { stringify } from 'yaml';
import { StandInGrafana } from '../lab/src/grafana/fake-grafana';

const BIN = join(__dirname, '..', 'lab', 'bin', 'driftlab.js');
const TUTOR = 'tutor-secret-for-the-cohort-test';

jest.setTimeout(120_000);

/** Every credit request fails with 503 from one simulated minute after the start, for two hours. */
const OUTAGE = {
  id: 'test-credit-outage',
  title: 'Credit answers errors',
  brief: 'The credit model fails.',
  answer: {
    kind: 'serving',
    model: 'credit',
    features: [],
    what: 'Every request fails.',
    when: 'One minute after the start.',
    recover: 'Wait for it to end.',
    signals: ['5xx responses'],
  },
  seed: 5,
  worlds: ['credit'],
  timeline: [
    {
      id: 'outage',
      start: '1m',
      duration: '2h',
      injector: 'error-burst',
      target: { world: 'credit' },
      params: { rate: 1, status: 503 },
    },
  ],
};

let dir: string;
let lab: ChildProcess;
let stderr = '';
let urls: Record<string, string>;
let prometheus: string;
let tokens: Record<string, string>;

async function call(
  base: string,
  method: 'GET' | 'POST',
  path: string,
  token?: string,
  body?: object,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

const metrics = async (team: string) => (await fetch(`${urls[team]}/metrics`)).text();

/** Sum of a counter's samples whose line matches all of `parts`. */
function total(text: string, name: string, ...parts: string[]): number {
  return text
    .split('\n')
    .filter((l) => l.startsWith(`${name}{`) && parts.every((p) => l.includes(p)))
    .reduce((sum, l) => sum + Number(l.slice(l.lastIndexOf(' ') + 1)), 0);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'driftlab-cohort-'));
  // An earlier credit version for team-1 to roll back to (the lab then trains and serves version 2).
  await promisify(execFile)(process.execPath, [
    BIN,
    'models',
    'train',
    'credit',
    '--events',
    '2000',
    '--data',
    join(dir, 'data', 'teams', 'team-1'),
  ]);
  // The tutor token from the lab's configuration: a file only the tutor reads.
  const tokenFile = join(dir, 'tutor-token');
  writeFileSync(tokenFile, `${TUTOR}\n`, { mode: 0o600 });
  const env = { ...process.env };
  delete env.DRIFTLAB_TUTOR_TOKEN;
  delete env.DRIFTLAB_TUTOR_TOKEN_FILE;
  lab = spawn(
    process.execPath,
    [
      BIN,
      'start',
      '--teams',
      '2',
      '--world',
      'credit',
      '--speed',
      '600',
      '--port',
      '0',
      '--data',
      join(dir, 'data'),
      '--tutor-token-file',
      tokenFile,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'], env },
  );
  lab.stderr!.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  for (let i = 0; i < 600 && !stderr.includes('"lab started"') && lab.exitCode === null; i++)
    await sleep(100);
  const line = stderr.split('\n').find((l) => l.includes('"lab started"'));
  if (!line) throw new Error(`the lab did not start:\n${stderr.slice(-3000)}`);
  ({ teams: urls, prometheus } = JSON.parse(line) as { teams: Record<string, string>; prometheus: string });
  const teams = await call(urls['team-1'], 'GET', '/v1/teams', TUTOR);
  tokens = Object.fromEntries(
    (teams.json.teams as { id: string; token: string }[]).map((t) => [t.id, t.token]),
  );
});

afterAll(async () => {
  if (lab.exitCode === null) {
    lab.kill('SIGINT');
    await once(lab, 'exit');
  }
  rmSync(dir, { recursive: true, force: true });
});

describe('a cohort lab (driftlab start --teams 2)', () => {
  it('runs each team on its own port and data folder, with its own token', () => {
    expect(Object.keys(urls)).toEqual(['team-1', 'team-2']);
    expect(urls['team-1']).not.toBe(urls['team-2']);
    expect(Object.keys(tokens).sort()).toEqual(['team-1', 'team-2']);
    expect(tokens['team-1']).not.toBe(tokens['team-2']);
    for (const team of ['team-1', 'team-2'])
      expect(existsSync(join(dir, 'data', 'teams', team, 'registry'))).toBe(true);
  });

  it("serves each team's own models: trained on its own seed", async () => {
    // Both teams have answered traffic.
    for (let i = 0; i < 100; i++) {
      const [a, b] = await Promise.all([metrics('team-1'), metrics('team-2')]);
      if (total(a, 'driftlab_predictions_total') > 0 && total(b, 'driftlab_predictions_total') > 0) break;
      await sleep(100);
    }
    const targets: number[] = [];
    for (const team of ['team-1', 'team-2']) {
      const text = await metrics(team);
      expect(total(text, 'driftlab_predictions_total', 'model="credit"')).toBeGreaterThan(0);
      const target = text.split('\n').find((l) => l.startsWith('driftlab_model_quality_target{'))!;
      targets.push(Number(target.slice(target.lastIndexOf(' ') + 1)));
    }
    // Each team's first model trained on its own seed's data: their holdout targets differ.
    expect(targets[0]).not.toBe(targets[1]);
  });

  it("is scraped team by team by the lab's Prometheus (Debian's): each team's series labelled with it", async () => {
    expect(prometheus).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    type Sample = { metric: Record<string, string>; value: [number, string] };
    const query = async (q: string) =>
      (
        (await (await fetch(`${prometheus}/api/v1/query?query=${encodeURIComponent(q)}`)).json()) as {
          data: { result: Sample[] };
        }
      ).data.result;
    let up: Sample[] = [];
    let versions: Sample[] = [];
    for (let i = 0; i < 100; i++) {
      up = await query('up{job="driftlab-serving"}');
      versions = await query('driftlab_model_serving_version{model="credit"}');
      if (up.length === 2 && up.every((r) => r.value[1] === '1') && versions.length === 2) break;
      await sleep(200);
    }
    expect(up.map((r) => [r.metric.team, r.value[1]]).sort()).toEqual([
      ['team-1', '1'],
      ['team-2', '1'],
    ]);
    // Each team's series come from its own port.
    for (const sample of versions) expect(`http://${sample.metric.instance}`).toBe(urls[sample.metric.team]);
    expect(versions.map((r) => r.metric.team).sort()).toEqual(['team-1', 'team-2']);
  });

  it("lets a team's token act on its own models only, and the tutor's on every team's", async () => {
    const foreign = await call(urls['team-1'], 'POST', '/v1/models/credit:rollback', tokens['team-2'], {});
    expect(foreign.status).toBe(403);
    expect(foreign.json.error).toBe("a recovery action on team-1's models is not allowed with a team token");
    // team-1 rolls back to the version trained before the start; team-2 has none to go back to.
    const own = await call(urls['team-1'], 'POST', '/v1/models/credit:rollback', tokens['team-1'], {
      version: 1,
    });
    expect(own.status).toBe(200);
    const tutor = await call(urls['team-2'], 'POST', '/v1/models/credit:rollback', TUTOR, { version: 1 });
    expect(tutor.status).toBe(409);
    const serving = async (team: string) => {
      const { json } = await call(urls[team], 'GET', '/v1/models/credit');
      const versions = json.model_version_status as { version: string; state: string }[];
      return versions.filter((v) => v.state === 'AVAILABLE').map((v) => v.version);
    };
    expect(await serving('team-1')).toEqual(['1']);
    expect(await serving('team-2')).toEqual(['1']);
  });

  it("puts an incident for one team into that team's traffic only", async () => {
    const started = await call(urls['team-1'], 'POST', '/v1/incidents', TUTOR, {
      scenario_yaml: stringify(OUTAGE),
      teams: ['team-2'],
    });
    expect(started.status).toBe(201);
    const errors = async (team: string) =>
      total(await metrics(team), 'driftlab_prediction_requests_total', 'model="credit"', 'status="503"');
    const before1 = await errors('team-1');
    let failed = 0;
    for (let i = 0; i < 200 && failed < 50; i++) {
      failed = await errors('team-2');
      await sleep(100);
    }
    expect(failed).toBeGreaterThanOrEqual(50);
    const answered = (text: string) =>
      total(text, 'driftlab_prediction_requests_total', 'model="credit"', 'status="200"');
    const teamOne = await metrics('team-1');
    expect(await errors('team-1')).toBe(before1);
    expect(before1).toBe(0);
    expect(answered(teamOne)).toBeGreaterThan(0);

    // Only team-2 has the incident to diagnose: it scores, team-1 has nothing on the scoreboard.
    // A team reaches the lab's routes on its own port too.
    const diagnosis = await call(urls['team-2'], 'POST', '/v1/diagnoses', tokens['team-2'], {
      model: 'credit',
      features: [],
      kind: 'serving',
      since: new Date().toISOString(),
    });
    expect(diagnosis.status).toBe(201);
    const board = await call(urls['team-1'], 'GET', '/v1/scoreboard', TUTOR);
    const rows = board.json.scoreboard as { team: string; submissions: number }[];
    expect(rows.map((r) => [r.team, r.submissions])).toEqual([['team-2', 1]]);
  });

  it("resets every team's lab: the incident aborted, each team's models back, team by team", async () => {
    // team-1 serves the version it rolled back to; team-2 is untouched.
    const reset = await call(urls['team-1'], 'POST', '/v1/lab/reset', TUTOR, {});
    expect(reset.status).toBe(200);
    expect(reset.json.aborted).toHaveLength(1);
    expect(reset.json.models).toEqual({ 'team-1': { credit: 2 }, 'team-2': {} });
  });

  it("sets up each team's Grafana view from the running lab's teams (driftlab grafana setup --teams)", async () => {
    const grafana = await new StandInGrafana('grafana-admin-secret').start();
    try {
      const { stdout } = await promisify(execFile)(
        process.execPath,
        [BIN, 'grafana', 'setup', '--url', grafana.url, '--teams'],
        {
          env: {
            ...process.env,
            GRAFANA_ADMIN_PASSWORD: 'grafana-admin-secret',
            DRIFTLAB_URL: urls['team-1'],
            DRIFTLAB_TOKEN: TUTOR,
          },
        },
      );
      expect(stdout).toContain("Team team-2: folder 'driftlab-team-2' with 4 dashboards");
      expect(stdout).not.toContain(tokens['team-2']);
      // Each team logs in with its lab token, and its folder is its own.
      expect(grafana.users.map((u) => [u.login, u.password])).toEqual([
        ['team-1', tokens['team-1']],
        ['team-2', tokens['team-2']],
      ]);
      for (const team of grafana.teams)
        expect(grafana.folders.get(`driftlab-${team.name}`)!.permissions).toEqual([
          { teamId: team.id, permission: 1 },
        ]);
      expect(grafana.folders.get('driftlab')!.permissions).toEqual([]);
      // Each team's dashboards link to its own lab: its team page is on its port.
      for (const [uid, { dashboard }] of grafana.dashboards) {
        const team = /-(team-\d+)$/.exec(uid)![1];
        const lab = (
          dashboard as { templating: { list: { name: string; query: string }[] } }
        ).templating.list.find((v) => v.name === 'lab');
        expect([uid, lab?.query]).toEqual([uid, urls[team]]);
      }
    } finally {
      await grafana.stop();
    }
  });
});
