// Tutors run incidents in a running lab and teams diagnose them, over real HTTP against the built
// `driftlab start`: roles and tokens, the incident lifecycle, scoring, the record, rate limits, and
// the audit that nothing a student can reach gives the incident away.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { stringify } from 'yaml';
import { incomeDrop, labRequest } from './support/live-lab';

const BIN = join(__dirname, '..', 'lab', 'bin', 'driftlab.js');
const run = promisify(execFile);
const TUTOR = 'tutor-secret-for-the-incident-test';

jest.setTimeout(180_000);

/** Incomes drop 20 simulated minutes after the start of the incident, for three hours. */
const SCENARIO = incomeDrop({
  id: 'test-income-drop',
  title: 'Applicants look poorer',
  brief: 'Something changed in the credit applications this morning.',
  when: '20 minutes after the start, for three hours.',
  seed: 77,
  start: '20m',
  duration: '3h',
});

let dir: string;
let url: string;
let lab: ChildProcess;
let stderr = '';
let stdout = '';
let teamToken: string;

const call = (method: 'GET' | 'POST', path: string, token?: string, body?: object) =>
  labRequest(url, method, path, token, body);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'driftlab-incidents-'));
  lab = spawn(
    process.execPath,
    [
      BIN,
      'start',
      '--world',
      'credit',
      '--speed',
      '600',
      '--port',
      '0',
      '--data',
      join(dir, 'data'),
      '--no-prometheus',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, DRIFTLAB_TUTOR_TOKEN: TUTOR } },
  );
  lab.stderr!.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  lab.stdout!.setEncoding('utf8').on('data', (s: string) => (stdout += s));
  // Any free port (no race with other tests): the lab names its URL when it has started.
  for (let i = 0; i < 600 && !stderr.includes('"lab started"') && lab.exitCode === null; i++)
    await sleep(100);
  const line = stderr.split('\n').find((l) => l.includes('"lab started"'));
  if (!line) throw new Error(`the lab did not start:\n${stderr.slice(-3000)}`);
  url = (JSON.parse(line) as { serving: string }).serving;
  const file = join(dir, 'data', 'tokens.json');
  expect(statSync(file).mode & 0o777).toBe(0o600);
  teamToken = (JSON.parse(readFileSync(file, 'utf8')) as { teams: Record<string, string> }).teams['team-1'];
  expect(teamToken.length).toBeGreaterThan(30);
});

afterAll(async () => {
  if (lab.exitCode === null) {
    lab.kill('SIGINT');
    await once(lab, 'exit');
  }
  rmSync(dir, { recursive: true, force: true });
});

/** A command run with the team token; its stdout. */
async function teamCli(...args: string[]): Promise<string> {
  const env = { ...process.env, DRIFTLAB_URL: url, DRIFTLAB_TOKEN: teamToken };
  return (await run(process.execPath, [BIN, ...args], { env })).stdout;
}

describe('incidents and diagnoses in a running lab', () => {
  let incident: string;

  it('refuses control without a token (401) and with a team token (403)', async () => {
    const body = { scenario_yaml: stringify(SCENARIO) };
    const none = await call('POST', '/v1/incidents', undefined, body);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer');
    expect((await call('POST', '/v1/incidents', 'not-a-token', body)).status).toBe(401);
    const team = await call('POST', '/v1/incidents', teamToken, body);
    expect(team.status).toBe(403);
    expect(team.json.error).toBe('this tutor action is not allowed with a team token');
    expect((await call('GET', '/v1/record', teamToken)).status).toBe(403);
    expect((await call('GET', '/v1/teams', teamToken)).status).toBe(403);
    // A team reads its own scoreboard: nothing yet.
    const board = await call('GET', '/v1/scoreboard', teamToken);
    expect([board.status, board.json]).toEqual([200, { scoreboard: [] }]);
    // A team may not diagnose as the tutor, nor the tutor as a team.
    expect((await call('POST', '/v1/diagnoses', TUTOR, {})).status).toBe(403);
  });

  it('names the bad field of a start request', async () => {
    const bad = await call('POST', '/v1/incidents', TUTOR, { scenario: 'no-such-scenario' });
    expect(bad.status).toBe(400);
    expect(bad.json.error).toMatch(/^scenario: .*no-such-scenario/);
    const mode = await call('POST', '/v1/incidents', TUTOR, { scenario: 'credit-income-drop', mode: 'loud' });
    expect(mode.json.error).toBe('mode: expected "hidden" or "announced", got "loud"');
    const world = await call('POST', '/v1/incidents', TUTOR, { scenario: 'fraud-attack-wave' });
    expect(world.status).toBe(409);
    expect(world.json.error).toMatch(/needs the world\(s\) fraud/);
    const path = await call('POST', '/v1/incidents', TUTOR, { scenario: '../../etc/passwd' });
    expect(path.status).toBe(400);
  });

  it('tells a team that diagnoses when no incident concerns it so, and records the diagnosis', async () => {
    const alone = await call('POST', '/v1/diagnoses', teamToken, {
      model: 'credit',
      features: [],
      kind: 'serving',
      since: new Date().toISOString(),
      note: 'all quiet?',
    });
    expect(alone.status).toBe(201);
    expect(alone.json.pending).toMatch(/^no incident concerns your team now/);
    expect(alone.json.score).toBeUndefined();
    const { json } = await call('GET', '/v1/record?prefix=diagnosis.', TUTOR);
    expect((json.events as { actor: string; outcome: string }[]).map((e) => [e.actor, e.outcome])).toEqual([
      ['team:team-1', 'no incident had begun'],
    ]);
    // What `driftlab diagnose` prints of it.
    const env = { ...process.env, DRIFTLAB_URL: url, DRIFTLAB_TOKEN: teamToken };
    const { stdout: said } = await run(
      process.execPath,
      [BIN, 'diagnose', '--model', 'credit', '--kind', 'serving', '--since', '1m'],
      { env },
    );
    expect(said).toMatch(/^diagnosis \d+ received: no incident concerns your team now/);
  });

  it('starts a hidden incident: tutors see the answer key, students nothing', async () => {
    const started = await call('POST', '/v1/incidents', TUTOR, {
      scenario_yaml: stringify(SCENARIO),
      mode: 'hidden',
    });
    expect(started.status).toBe(201);
    incident = started.json.id as string;
    expect(started.json).toMatchObject({ scenario: 'test-income-drop', mode: 'hidden', teams: ['team-1'] });
    expect((started.json.answer as { features: string[] }).features).toEqual(['annual_income']);
    const student = await call('GET', '/v1/incidents', teamToken);
    expect(student.json).toEqual({ incidents: [] });
    expect((await call('GET', '/v1/scoreboard', teamToken)).json).toEqual({ scoreboard: [] });
    // The onset is the first request it affected (20 simulated minutes later: 2 s at 600×).
    for (let i = 0; i < 200; i++) {
      const view = await call('GET', `/v1/incidents/${incident}`, TUTOR);
      if (Object.keys(view.json.onset as object).length > 0) break;
      await sleep(100);
    }
    const view = await call('GET', `/v1/incidents/${incident}`, TUTOR);
    expect(view.json.state).toBe('running');
    expect(Date.parse((view.json.onset as Record<string, string>)['team-1'])).toBeLessThanOrEqual(Date.now());
  });

  it('gives away nothing of the incident on what students can reach', async () => {
    const secrets = [
      'test-income-drop',
      'Applicants look poorer',
      'mean-shift',
      'poorer',
      'Something changed',
    ];
    const reachable = [
      await (await fetch(`${url}/metrics`)).text(),
      await (await fetch(`${url}/openapi.json`)).text(),
      await (await fetch(`${url}/v1/models/credit`)).text(),
      await (await fetch(`${url}/v1/alerts`)).text(),
      JSON.stringify((await call('GET', '/v1/incidents', teamToken)).json),
      JSON.stringify((await call('GET', '/v1/diagnoses', teamToken)).json),
      JSON.stringify((await call('GET', '/v1/scoreboard', teamToken)).json),
      await teamCli('incident', 'list', '--json'),
      await teamCli('scoreboard', '--json'),
      stderr, // the lab's logs, info level
    ];
    // Not even its id.
    for (const text of reachable.slice(4, 9)) expect(text).not.toContain(`"${incident}"`);
    for (const text of reachable)
      for (const secret of secrets) expect([secret, text.includes(secret)]).toEqual([secret, false]);
    // Every feature is named on /metrics, the targeted one no more than the others.
    const metrics = reachable[0];
    const count = (feature: string) => metrics.split(`feature="${feature}"`).length;
    expect(count('annual_income')).toBe(count('age'));
    // The tutor token is never logged; the team token never printed.
    expect(stderr).not.toContain(TUTOR);
    expect(stderr + stdout).not.toContain(teamToken);
  });

  it('scores diagnoses, shows scores only once revealed, and counts the best', async () => {
    const onset = (await call('GET', `/v1/incidents/${incident}`, TUTOR)).json.onset as Record<
      string,
      string
    >;
    const wrong = await call('POST', '/v1/diagnoses', teamToken, {
      model: 'credit',
      features: ['annual_income'],
      kind: 'concept',
      since: onset['team-1'],
    });
    expect(wrong.status).toBe(201);
    expect(wrong.json.pending).toBe('your score appears when the tutor reveals the incident');
    expect(wrong.json.score).toBeUndefined();
    const right = await call('POST', '/v1/diagnoses', teamToken, {
      model: 'credit',
      features: ['annual_income'],
      kind: 'covariate',
      since: onset['team-1'],
      note: 'income histogram moved left',
    });
    expect(right.status).toBe(201);
    const bad = await call('POST', '/v1/diagnoses', teamToken, {
      model: 'credit',
      features: 'all',
      kind: 'covariate',
      since: 'x',
    });
    expect(bad.json.error).toBe('features: expected a list of at most 100 strings, got "all"');

    expect((await call('POST', `/v1/incidents/${incident}/reveal`, TUTOR)).status).toBe(200);
    const mine = (await call('GET', '/v1/diagnoses', teamToken)).json.diagnoses as {
      score?: { total: number };
      pending?: string;
    }[];
    // The two sent before the incident began stay unscored, and say why.
    expect(mine.map((d) => d.score?.total)).toEqual([undefined, undefined, 75, 100]);
    expect(mine[0].pending).toMatch(/^no incident concerns your team now/);
    const board = (await call('GET', '/v1/scoreboard', TUTOR)).json.scoreboard as Record<string, unknown>[];
    expect(board).toEqual([
      expect.objectContaining({ incident, team: 'team-1', best: 100, last: 100, submissions: 2 }),
    ]);
    // The team's own scoreboard: its row, the scenario named now it is revealed.
    const mineBoard = (await call('GET', '/v1/scoreboard', teamToken)).json.scoreboard;
    expect(mineBoard).toEqual([
      expect.objectContaining({
        incident,
        scenario: 'test-income-drop',
        title: SCENARIO.title,
        team: 'team-1',
        best: 100,
        submissions: 2,
      }),
    ]);
  });

  it('tells the teams it concerned, once revealed, what the incident was', async () => {
    const { json } = await call('GET', '/v1/incidents', teamToken);
    const onset = (await call('GET', `/v1/incidents/${incident}`, TUTOR)).json.onset as Record<
      string,
      string
    >;
    expect(json.incidents).toEqual([
      {
        id: incident,
        title: SCENARIO.title,
        brief: SCENARIO.brief,
        state: expect.any(String),
        revealed: true,
        scenario: 'test-income-drop',
        answer: {
          kind: 'covariate',
          model: 'credit',
          features: ['annual_income'],
          what: SCENARIO.answer.what,
        },
        onset: onset['team-1'],
      },
    ]);
    const list = await teamCli('incident', 'list');
    expect(list).toContain(`${incident}  `);
    expect(list).toContain(
      'revealed: covariate on credit (features annual_income), scenario test-income-drop',
    );
    expect(list).toContain(SCENARIO.answer.what);
  });

  it('pauses, resumes and aborts, and records every action with who did it', async () => {
    const paused = await call('POST', `/v1/incidents/${incident}/pause`, TUTOR);
    expect([paused.status, paused.json.error, paused.json.state]).toEqual([200, undefined, 'paused']);
    expect((await call('POST', `/v1/incidents/${incident}/pause`, TUTOR)).status).toBe(409);
    expect((await call('POST', `/v1/incidents/${incident}/resume`, TUTOR)).json.state).toBe('running');
    expect((await call('POST', `/v1/incidents/${incident}/abort`, TUTOR)).json.state).toBe('aborted');
    expect((await call('POST', `/v1/incidents/${incident}/resume`, TUTOR)).status).toBe(409);
    expect((await call('POST', `/v1/incidents/${incident}/explode`, TUTOR)).status).toBe(404);

    // The CLI reads the same record.
    const env = { ...process.env, DRIFTLAB_URL: url, DRIFTLAB_TOKEN: TUTOR };
    const { stdout: log } = await run(process.execPath, [BIN, 'incident', 'log', '--json'], { env });
    const events = JSON.parse(log) as { actor: string; action: string; params: { incident?: string } }[];
    const mine = events.filter((e) => e.params.incident === incident);
    expect(mine.map((e) => [e.actor, e.action])).toEqual([
      ['tutor', 'incident.start'],
      ['lab', 'incident.onset'],
      ['team:team-1', 'diagnosis.submit'],
      ['team:team-1', 'diagnosis.submit'],
      ['tutor', 'incident.reveal'],
      ['tutor', 'incident.pause'],
      ['tutor', 'incident.resume'],
      ['tutor', 'incident.abort'],
    ]);
    const { stdout: list } = await run(process.execPath, [BIN, 'incident', 'list'], { env });
    expect(list).toContain(`${incident}  aborted`);
    // What an action prints, and the team tokens to hand out, as JSON too.
    const { stdout: revealed } = await run(
      process.execPath,
      [BIN, 'incident', 'reveal', incident, '--json'],
      {
        env,
      },
    );
    expect(JSON.parse(revealed)).toEqual([expect.objectContaining({ id: incident, state: 'aborted' })]);
    const { stdout: teams } = await run(process.execPath, [BIN, 'lab', 'teams', '--json'], { env });
    expect(JSON.parse(teams)).toEqual([{ id: 'team-1', token: teamToken, url }]);
    const { stdout: teamLines } = await run(process.execPath, [BIN, 'lab', 'teams'], { env });
    expect(teamLines).toMatch(new RegExp(`^team-1 +${url.replace(/[.]/g, '\\.')} +${teamToken}\n$`));
    expect((await call('GET', '/v1/teams', TUTOR)).json).toEqual({
      teams: [{ id: 'team-1', token: teamToken, url }],
    });
    // When it began: the onset people saw (wall clock), the traffic's simulated time beside it.
    expect(list).toMatch(/ onset team-1 \d{4}-\d\d-\d\dT[^ ]+Z \(simulated 2026-\d\d-\d\dT[^ ]+Z\)/);
    // A team token cannot read the record through the CLI either.
    const refused = await run(process.execPath, [BIN, 'incident', 'log'], {
      env: { ...env, DRIFTLAB_TOKEN: teamToken },
    }).catch((e: { code: number; stderr: string }) => e);
    expect(refused).toMatchObject({ code: 1 });
    expect((refused as { stderr: string }).stderr).toContain('(this needs the tutor token)');
  });

  it('records recovery actions by who made them, refused ones too, and refuses them without a token', async () => {
    expect((await call('POST', '/v1/models/credit:rollback', undefined, { version: 1 })).status).toBe(401);
    // Version 1 serves already: a rollback to it is refused (409), and recorded as such.
    const rollback = await call('POST', '/v1/models/credit:rollback', teamToken, { version: 1 });
    expect(rollback.status).toBe(409);
    const { json } = await call('GET', '/v1/record?prefix=recovery.', TUTOR);
    expect(
      (json.events as { actor: string; action: string; model: string; outcome: string }[]).map((e) => [
        e.actor,
        e.action,
        e.model,
        e.outcome,
      ]),
    ).toEqual([['team:team-1', 'recovery.rollback', 'credit', 'refused (409)']]);
  });

  it('limits diagnoses to 10 a minute per team, answering 429 with Retry-After', async () => {
    let limited: Awaited<ReturnType<typeof call>> | undefined;
    for (let i = 0; i < 12 && !limited; i++) {
      const r = await call('POST', '/v1/diagnoses', teamToken, {
        model: 'credit',
        features: [],
        kind: 'quality',
        since: new Date().toISOString(),
      });
      if (r.status === 429) limited = r;
    }
    expect(limited?.status).toBe(429);
    expect(Number(limited!.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('schedules an incident at a wall-clock time, turned into simulated time at the lab speed', async () => {
    const past = await call('POST', '/v1/incidents', TUTOR, {
      scenario: 'credit-income-drop',
      at: '2020-01-01T00:00:00Z',
    });
    expect(past.json.error).toBe('at: 2020-01-01T00:00:00Z has passed; expected a time to come');
    const soon = await call('POST', '/v1/incidents', TUTOR, {
      scenario: 'credit-income-drop',
      at: new Date(Date.now() + 60_000).toISOString(),
    });
    expect(soon.status).toBe(201);
    expect(soon.json.state).toBe('scheduled');
    // A real minute at 600× is ten simulated hours after the lab's simulated now.
    const runningFor = await call('POST', '/v1/incidents', TUTOR, {
      scenario: 'credit-income-drop',
      at: '1s',
    });
    expect([runningFor.status, runningFor.json.error]).toEqual([201, undefined]);
    const gap = Date.parse(soon.json.startsAt as string) - Date.parse(runningFor.json.startsAt as string);
    expect(gap / 3_600_000).toBeGreaterThan(9.5);
    expect(gap / 3_600_000).toBeLessThan(10.1);
    // Aborting one still scheduled cancels it.
    for (const id of [soon.json.id, runningFor.json.id])
      expect((await call('POST', `/v1/incidents/${id}/abort`, TUTOR)).json.state).toBe('aborted');
  });

  it('resets the lab: incidents aborted, original model versions back', async () => {
    const started = await call('POST', '/v1/incidents', TUTOR, {
      scenario_yaml: stringify(SCENARIO),
      mode: 'announced',
    });
    const student = await call('GET', '/v1/incidents', teamToken);
    // The one revealed earlier, and this one announced: title and brief, nothing of what it is.
    expect(student.json.incidents).toEqual([
      expect.objectContaining({ id: incident, revealed: true }),
      {
        id: started.json.id,
        title: 'Applicants look poorer',
        brief: SCENARIO.brief,
        state: expect.any(String),
      },
    ]);
    // Announced, not revealed: its row on the team's scoreboard, unscored, the scenario unnamed.
    const board = (await call('GET', '/v1/scoreboard', teamToken)).json.scoreboard;
    expect(board).toEqual([
      expect.objectContaining({ incident }),
      expect.objectContaining({ incident: started.json.id, scenario: null, best: null, submissions: 0 }),
    ]);
    const reset = await call('POST', '/v1/lab/reset', TUTOR);
    expect(reset.status).toBe(200);
    expect(reset.json.aborted).toEqual([started.json.id]);
    const model = (await (await fetch(`${url}/v1/models/credit`)).json()) as {
      model_version_status: { version: string; state: string }[];
    };
    expect(model.model_version_status.find((s) => s.state === 'AVAILABLE')?.version).toBe('1');
  });
});
