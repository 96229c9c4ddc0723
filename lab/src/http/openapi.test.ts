import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import request from 'supertest';
import { bodyCheck } from '@driftlab/serving';
import { getWorld, resolveScenario, Simulation } from '@driftlab/simulator';
import { AlertTracker, LabMetrics } from '../alerts';
import { Tokens } from '../auth';
import { Diagnoses, servedModelsOf } from '../diagnosis';
import { IncidentManager, revealedAnswerOf, type TeamLab } from '../incidents';
import { LabRecord } from '../record';
import { controlRoutes, type ControlDeps } from './control-routes';
import { labRoutes } from './lab-routes';
import {
  DIAGNOSIS_REQUEST,
  LAB_OPENAPI_PATHS,
  PLAYBOOK_REQUEST,
  START_REQUEST,
  withLabPaths,
} from './openapi';

/*
 * The control routes over the lab's real incidents, diagnoses and record (a SQLite file in a
 * temporary data directory), with two teams each running a credit simulation: what is documented
 * is what the routes take, and a body they refuse changes nothing.
 */

const TEAMS = ['team-1', 'team-2'];
let dir: string;
let record: LabRecord;
let deps: ControlDeps;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'driftlab-openapi-'));
  record = new LabRecord(join(dir, 'lab-record.sqlite'));
  const labs = new Map<string, TeamLab>(
    TEAMS.map((team, i) => {
      const simulation = new Simulation({ world: getWorld('credit')!, seed: i + 1 });
      simulation.next();
      return [team, { simulations: [simulation], now: () => simulation.now }];
    }),
  );
  const incidents = new IncidentManager(labs, record);
  deps = {
    tokens: new Tokens('tutor', Object.fromEntries(TEAMS.map((team) => [team, team]))),
    worlds: [getWorld('credit')!],
    incidents,
    diagnoses: new Diagnoses(incidents, record, servedModelsOf([getWorld('credit')!])),
    record,
    speed: () => 1,
    reset: () => Promise.resolve({}),
    // team-1's host listens; team-2's is not known to this process.
    teamUrl: (team) => (team === 'team-1' ? 'http://127.0.0.1:8080' : undefined),
  };
});

afterAll(() => {
  record.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Every method and path a router answers, with `:param` written `{param}` as OpenAPI does. */
function routesOf(router: express.Router): string[] {
  const out: string[] = [];
  for (const layer of router.stack as { route?: { path: string; methods: Record<string, boolean> } }[]) {
    if (!layer.route) continue;
    const path = layer.route.path.replace(/:(\w+)/g, '{$1}');
    for (const method of Object.keys(layer.route.methods)) out.push(`${method} ${path}`);
  }
  return out;
}

describe("the lab's OpenAPI document", () => {
  let routes: string[];
  beforeAll(() => {
    const metrics = new LabMetrics();
    const lab = { record, alerts: new AlertTracker(record, metrics), metrics, tokens: deps.tokens };
    routes = [...routesOf(controlRoutes(deps)), ...routesOf(labRoutes(lab))];
  });

  it('documents every route the control side answers, and nothing it does not', () => {
    const documented = Object.entries(LAB_OPENAPI_PATHS).flatMap(([path, methods]) =>
      Object.keys(methods).map((m) => `${m} ${path}`),
    );
    expect(routes.length).toBeGreaterThan(10);
    expect([...new Set(routes)].sort()).toEqual(documented.sort());
  });

  it('documents 401, 403 and 429 on every route that needs a token', () => {
    for (const [path, methods] of Object.entries(LAB_OPENAPI_PATHS))
      for (const [method, op] of Object.entries(methods) as [
        string,
        { security?: unknown; responses: object },
      ][])
        if (op.security)
          expect([`${method} ${path}`, Object.keys(op.responses)]).toEqual([
            `${method} ${path}`,
            expect.arrayContaining(['401', '403', '429']),
          ]);
  });

  it("keeps serving's document whole when it adds the lab's paths", () => {
    const merged = withLabPaths({
      openapi: '3.1.0',
      paths: { '/x': {} },
      components: { schemas: { Error: { a: 1 } } },
    });
    expect(Object.keys(merged.paths)).toContain('/x');
    expect(Object.keys(merged.paths)).toContain('/v1/incidents');
    expect((merged.components as { schemas: { Error: object } }).schemas.Error).toEqual({ a: 1 });
  });
});

type Schema = Record<string, unknown>;
type Body = Record<string, unknown>;

/** For each constraint a field's schema states, a value that breaks it (as [keyword, value]). */
function breaking(schema: Schema): [string, unknown][] {
  const out: [string, unknown][] = [];
  if (Array.isArray(schema.enum)) out.push(['enum', 'not-one-of-them']);
  if (schema.const !== undefined) out.push(['const', 'not-the-constant']);
  // A value breaking every branch of a oneOf is named by the field itself.
  for (const branch of (schema.oneOf ?? []) as Schema[])
    out.push(...breaking(branch).map(([keyword, value]): [string, unknown] => [`oneOf/${keyword}`, value]));
  if (schema.type === 'boolean') out.push(['type', 'yes']);
  if (schema.type === 'string') {
    out.push(['type', 5]);
    if (typeof schema.minLength === 'number') out.push(['minLength', '']);
    if (typeof schema.maxLength === 'number') out.push(['maxLength', 'x'.repeat(schema.maxLength + 1)]);
    if (typeof schema.pattern === 'string') out.push(['pattern', '../not such a value']);
    if (schema.format === 'date-time') out.push(['format', 'yesterday']);
  }
  if (schema.type === 'array') {
    out.push(['type', 'x']);
    if (typeof schema.minItems === 'number') out.push(['minItems', []]);
    // A bad item (one per constraint of a list of strings) is named by its place in the list.
    const items = schema.items as Schema | undefined;
    if (items?.type === 'string')
      for (const [keyword, value] of breaking(items)) out.push([`items/${keyword}`, [value]]);
  }
  return out;
}

/** Whether a field's schema lets null through (none of the lab's does: null never means absent). */
const allowsNull = (schema: Schema): boolean =>
  ([] as unknown[]).concat(schema.type ?? []).includes('null') ||
  (Array.isArray(schema.enum) && schema.enum.includes(null));

interface Violation {
  /** The field the refusal must name, e.g. `incidents[0].mode`. */
  readonly field: string;
  readonly keyword: string;
  readonly body: Body;
}

/**
 * Every constraint an object schema states, broken one at a time in a copy of `valid`: each
 * property's keywords, each property null, each required field left out, the items of a list of
 * objects (its first).
 */
function violations(schema: Schema, valid: Body, prefix = ''): Violation[] {
  const out: Violation[] = [];
  const properties = (schema.properties ?? {}) as Record<string, Schema>;
  for (const [name, field] of Object.entries(properties)) {
    const at = `${prefix}${name}`;
    for (const [keyword, value] of breaking(field))
      out.push({
        field: keyword.startsWith('items/') ? `${at}[0]` : at,
        keyword,
        body: { ...valid, [name]: value },
      });
    if (!allowsNull(field)) out.push({ field: at, keyword: 'null', body: { ...valid, [name]: null } });
    if (typeof field.maxItems === 'number') {
      const many = Array.from({ length: field.maxItems + 1 }, () => (valid[name] as unknown[])[0]);
      out.push({ field: at, keyword: 'maxItems', body: { ...valid, [name]: many } });
    }
    const items = field.items as Schema | undefined;
    if (items?.type === 'object') {
      const [first, ...rest] = valid[name] as Body[];
      for (const v of violations(items, first, `${at}[0].`))
        out.push({ ...v, body: { ...valid, [name]: [v.body, ...rest] } });
    }
  }
  for (const name of (schema.required ?? []) as string[]) {
    const { [name]: _left, ...body } = valid;
    out.push({ field: `${prefix}${name}`, keyword: 'required', body });
  }
  for (const branch of (schema.anyOf ?? []) as Schema[])
    for (const name of (branch.required ?? []) as string[]) {
      const body = { ...valid };
      for (const other of (schema.anyOf as Schema[]).flatMap((b) => (b.required ?? []) as string[]))
        delete body[other];
      out.push({ field: `${prefix}${name}`, keyword: 'anyOf', body });
    }
  return out;
}

describe("the control routes' request bodies", () => {
  const START = {
    scenario: 'credit-income-drop',
    mode: 'announced',
    at: '30m',
    teams: ['team-1'],
    feedback: true,
  };
  const VALID: Record<string, Body> = {
    '/v1/incidents': START,
    '/v1/playbooks': { incidents: [START, { scenario: 'credit-income-drop' }] },
    '/v1/diagnoses': {
      model: 'credit',
      features: ['annual_income'],
      kind: 'covariate',
      since: new Date(Date.now() - 15 * 60_000).toISOString(),
      note: 'incomes dropped',
    },
  };
  const posts = Object.entries(LAB_OPENAPI_PATHS).flatMap(([path, methods]) => {
    const post = (
      methods as { post?: { requestBody?: { content: { 'application/json': { schema: Schema } } } } }
    ).post;
    return post?.requestBody ? [[path, post.requestBody.content['application/json'].schema] as const] : [];
  });
  const tokenFor = (path: string) => (path === '/v1/diagnoses' ? 'team-1' : 'tutor');
  // A router of its own for each request (over the same lab), so no rate limit answers first.
  const app = () => express().use(controlRoutes(deps));
  const post = (path: string, body: object) =>
    request(app())
      .post(path)
      .set('authorization', `Bearer ${tokenFor(path)}`)
      .send(body);
  /** What the lab holds: a refused body must change none of it. */
  const held = () => [
    deps.incidents.all().length,
    deps.diagnoses.all().length,
    record.events({ limit: 1_000_000 }).length,
  ];

  it('are the documented ones: the schemas the routes check are those in the document', () => {
    // POST /v1/alerts takes Alertmanager's payload, checked by its own parser (alerts.test.ts).
    expect(posts.map(([path]) => path).sort()).toEqual(['/v1/alerts', ...Object.keys(VALID)].sort());
    expect(Object.fromEntries(posts)).toMatchObject({
      '/v1/incidents': START_REQUEST,
      '/v1/playbooks': PLAYBOOK_REQUEST,
      '/v1/diagnoses': DIAGNOSIS_REQUEST,
    });
  });

  it.each(Object.keys(VALID))('%s lets a body valid per its schema through', async (path) => {
    const before = held();
    const res = await post(path, VALID[path]);
    expect([res.status, res.body.error]).toEqual([201, undefined]);
    expect(held()).not.toEqual(before);
  });

  it('starts and scores what it was asked: the lab holds it as given', async () => {
    const started = await post('/v1/incidents', START);
    expect(deps.incidents.tutorView(deps.incidents.get(String(started.body.id)))).toMatchObject({
      scenario: 'credit-income-drop',
      mode: 'announced',
      teams: ['team-1'],
      feedback: true,
    });
    // Left out, mode is hidden and every team's.
    const plain = await post('/v1/incidents', { scenario: 'credit-income-drop' });
    expect(plain.body).toMatchObject({ mode: 'hidden', teams: TEAMS, feedback: false });
    const diagnosed = await post('/v1/diagnoses', VALID['/v1/diagnoses']);
    expect(deps.diagnoses.all().at(-1)).toMatchObject({
      id: diagnosed.body.id,
      team: 'team-1',
      model: 'credit',
    });
  });

  it.each(Object.keys(VALID))(
    '%s refuses each documented constraint broken, null for any field, naming the field; and changes nothing',
    async (path) => {
      const schema = posts.find(([p]) => p === path)![1];
      const broken = violations(schema, VALID[path]);
      expect(broken.length).toBeGreaterThan(5);
      const before = held();
      for (const v of broken) {
        const res = await post(path, v.body);
        const error = String(res.body.error);
        const named =
          v.keyword === 'anyOf'
            ? error.includes(`"${v.field.split('.').at(-1)}"`)
            : error.startsWith(`${v.field}: expected `);
        expect([v.field, v.keyword, res.status, named]).toEqual([v.field, v.keyword, 400, true]);
      }
      expect(held()).toEqual(before);
    },
  );

  it('keeps the messages tutors and teams know', async () => {
    const mode = await post('/v1/incidents', { scenario: 'credit-income-drop', mode: 'loud' });
    expect(mode.body.error).toBe('mode: expected "hidden" or "announced", got "loud"');
    const entry = await post('/v1/playbooks', { incidents: [START, { ...START, feedback: 'yes' }] });
    expect(entry.body.error).toBe('incidents[1].feedback: expected true or false, got "yes"');
    const scenario = await post('/v1/incidents', { scenario: 'no-such-scenario' });
    expect([scenario.status, scenario.body.error]).toEqual([
      400,
      expect.stringMatching(/^scenario: .*no-such-scenario/),
    ]);
    const none = await post('/v1/diagnoses', { ...VALID['/v1/diagnoses'], features: [] });
    expect(none.status).toBe(201); // a list of features, possibly empty
    const past = await post('/v1/incidents', { ...START, at: '2020-01-01T00:00:00Z' });
    expect(past.body.error).toBe('at: 2020-01-01T00:00:00Z has passed; expected a time to come');
    // Far in the future: refused before anything starts (a date that far cannot even be shown).
    for (const at of ['9999-12-31T23:59:59Z', '99999999999999999999d']) {
      const far = await post('/v1/incidents', { ...START, at });
      expect([far.status, far.body.error]).toEqual([
        400,
        `at: expected a time within 365 days of simulated time from now, got ${JSON.stringify(at)}`,
      ]);
    }
    const text = await request(app())
      .post('/v1/incidents')
      .set('authorization', 'Bearer tutor')
      .set('content-type', 'application/json')
      .send('[1]');
    expect([text.status, text.body.error]).toEqual([
      400,
      expect.stringMatching(/^expected a JSON object body/),
    ]);
  });

  it('resolves a scenario id against the built-in library only, never as a path on the server', async () => {
    const before = held();
    // "lab" is a folder in the working directory of a lab started from the repository.
    for (const scenario of ['lab', 'simulator', 'package']) {
      const res = await post('/v1/incidents', { scenario });
      expect([res.status, res.body.error]).toEqual([400, expect.stringMatching(/no built-in scenario/)]);
      expect(res.body.error).not.toMatch(/EISDIR|ENOENT|cannot read/);
    }
    expect(held()).toEqual(before);
  });

  it('refuses a body beyond its own 256 kB limit with 413, whatever parser runs elsewhere', async () => {
    const res = await post('/v1/incidents', { ...START, scenario_yaml: 'x'.repeat(300 * 1024) });
    expect([res.status, res.body.error]).toEqual([413, 'request body larger than 262144 bytes']);
  });

  it('never takes null for absent: mode null is not hidden, in a start request or a playbook', async () => {
    const before = held();
    const start = await post('/v1/incidents', { scenario: 'credit-income-drop', mode: null });
    expect([start.status, start.body.error]).toEqual([
      400,
      'mode: expected "hidden" or "announced", got null',
    ]);
    const playbook = await post('/v1/playbooks', { incidents: [START, { ...START, mode: null }] });
    expect([playbook.status, playbook.body.error]).toEqual([
      400,
      'incidents[1].mode: expected "hidden" or "announced", got null',
    ]);
    expect(held()).toEqual(before);
  });

  it('refuses a diagnosis of a model the lab does not serve, or out of bounds, naming the field', async () => {
    const valid = VALID['/v1/diagnoses'];
    const before = held();
    const refusal = async (body: Body) => {
      const res = await post('/v1/diagnoses', { ...valid, ...body });
      return [res.status, String(res.body.error)];
    };
    expect(await refusal({ model: 'fraud' })).toEqual([
      400,
      'model: expected "credit" (the models this lab serves), got "fraud"',
    ]);
    expect(await refusal({ model: 'm'.repeat(10_000) })).toEqual([
      400,
      expect.stringMatching(/^model: expected a non-empty string of at most 100 characters, got "m{10,}…$/),
    ]);
    expect(await refusal({ features: ['f'.repeat(100_000)] })).toEqual([
      400,
      expect.stringMatching(/^features\[0\]: expected a non-empty string of at most 100 characters/),
    ]);
    const since = /^since: expected a time from 2000-01-01T00:00:00.000Z to 5 minutes from now \(.+\), got /;
    for (const far of [
      '9999-12-31T23:59:59Z',
      '1999-12-31T23:59:59Z',
      new Date(Date.now() + 3_600_000).toISOString(),
    ])
      expect([far, ...(await refusal({ since: far }))]).toEqual([far, 400, expect.stringMatching(since)]);
    expect(held()).toEqual(before);
    // A student's clock a minute ahead of the lab's is still taken.
    expect((await refusal({ since: new Date(Date.now() + 60_000).toISOString() }))[0]).toBe(201);
  });
});

/** The JSON schema the document gives the answer `status` of `method` `path`. */
function answerSchema(path: string, method: string, status: string): object {
  const op = (LAB_OPENAPI_PATHS as Record<string, Record<string, { responses: Record<string, unknown> }>>)[
    path
  ][method];
  const content = (op.responses[status] as { content: { 'application/json': { schema: object } } }).content;
  return content['application/json'].schema;
}

describe('the answers teams and tutors read', () => {
  const app = () => express().use(controlRoutes(deps));
  const get = (path: string, token: string) =>
    request(app()).get(path).set('authorization', `Bearer ${token}`);
  /** `path`'s answer, checked against its documented schema: null when it is as documented. */
  const documented = (path: string, method: string, status: string, body: unknown) =>
    bodyCheck(answerSchema(path, method, status))(body);

  it('are as documented, for each role', async () => {
    const scenario = resolveScenario('credit-income-drop');
    deps.incidents.start({ scenario, mode: 'hidden', teams: ['team-1'], actor: 'tutor' });
    const revealed = deps.incidents.start({ scenario, mode: 'hidden', teams: ['team-1'], actor: 'tutor' });
    deps.incidents.reveal(revealed.id, 'tutor');
    for (const token of ['tutor', 'team-1', 'team-2'])
      for (const path of ['/v1/incidents', '/v1/scoreboard']) {
        const res = await get(path, token);
        expect([token, path, res.status, documented(path, 'get', '200', res.body)]).toEqual([
          token,
          path,
          200,
          null,
        ]);
      }
    const teams = await get('/v1/teams', 'tutor');
    expect(documented('/v1/teams', 'get', '200', teams.body)).toBeNull();
    const diagnosis = await request(app())
      .post('/v1/diagnoses')
      .set('authorization', 'Bearer team-2')
      .send({ model: 'credit', features: [], kind: 'serving', since: new Date().toISOString() });
    expect([diagnosis.status, documented('/v1/diagnoses', 'post', '201', diagnosis.body)]).toEqual([
      201,
      null,
    ]);
  });

  it('give a team what was revealed to it, and nothing of a hidden incident before', async () => {
    const scenario = resolveScenario('credit-income-drop');
    const hidden = deps.incidents.start({ scenario, mode: 'hidden', teams: ['team-2'], actor: 'tutor' });
    const before = await get('/v1/incidents', 'team-2');
    expect(JSON.stringify(before.body)).not.toContain(scenario.id);
    expect((before.body as { incidents: { id: string }[] }).incidents.map((i) => i.id)).not.toContain(
      hidden.id,
    );
    deps.incidents.reveal(hidden.id, 'tutor');
    const after = (await get('/v1/incidents', 'team-2')).body as { incidents: { id: string }[] };
    expect(after.incidents.find((i) => i.id === hidden.id)).toEqual({
      id: hidden.id,
      title: scenario.title,
      brief: scenario.brief,
      state: expect.any(String),
      revealed: true,
      scenario: scenario.id,
      answer: revealedAnswerOf(scenario.answer),
    });
    // Revealed to team-2 only: team-1 is told nothing of it.
    expect(JSON.stringify((await get('/v1/incidents', 'team-1')).body)).not.toContain(`"${hidden.id}"`);
  });

  it("give a team its own scoreboard rows only; the tutor every team's", async () => {
    const tutor = (await get('/v1/scoreboard', 'tutor')).body as { scoreboard: { team: string }[] };
    expect(new Set(tutor.scoreboard.map((r) => r.team))).toEqual(new Set(TEAMS));
    for (const team of TEAMS) {
      const rows = ((await get('/v1/scoreboard', team)).body as { scoreboard: { team: string }[] })
        .scoreboard;
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.map((r) => r.team)).toEqual(rows.map(() => team));
    }
  });

  it('list each team with its token and URL, null where the lab does not know it', async () => {
    const res = await get('/v1/teams', 'tutor');
    expect(res.body).toEqual({
      teams: [
        { id: 'team-1', token: 'team-1', url: 'http://127.0.0.1:8080' },
        { id: 'team-2', token: 'team-2', url: null },
      ],
    });
    expect((await get('/v1/teams', 'team-1')).status).toBe(403);
  });

  it('tell a page whose token it holds, and give every role the catalogue, as documented', async () => {
    expect((await get('/v1/whoami', 'tutor')).body).toEqual({ role: 'tutor' });
    expect((await get('/v1/whoami', 'team-2')).body).toEqual({ role: 'team', team: 'team-2' });
    expect((await get('/v1/whoami', 'nobody')).status).toBe(401);
    const credit = getWorld('credit')!;
    for (const token of ['tutor', 'team-1']) {
      for (const path of ['/v1/whoami', '/v1/catalogue']) {
        const res = await get(path, token);
        expect([path, res.status, documented(path, 'get', '200', res.body)]).toEqual([path, 200, null]);
      }
      const { models } = (await get('/v1/catalogue', token)).body as { models: { features: string[] }[] };
      expect(models).toEqual([
        {
          name: 'credit',
          title: credit.title,
          task: credit.task,
          features: credit.features.map((f) => f.name),
        },
      ]);
    }
  });

  it('give the tutor the library with answer keys, and say which of its scenarios this lab can run', async () => {
    const res = await get('/v1/scenarios', 'tutor');
    expect(documented('/v1/scenarios', 'get', '200', res.body)).toBeNull();
    const scenarios = (res.body as { scenarios: { id: string; runnable: boolean; worlds: string[] }[] })
      .scenarios;
    const income = scenarios.find((s) => s.id === 'credit-income-drop');
    expect(income).toMatchObject({ runnable: true, answer: resolveScenario('credit-income-drop').answer });
    // This lab runs credit only: a scenario needing another world is not runnable here.
    for (const s of scenarios)
      expect([s.id, s.runnable]).toEqual([s.id, s.worlds.every((w) => w === 'credit')]);
    expect(scenarios.some((s) => !s.runnable)).toBe(true);
    for (const team of TEAMS) expect((await get('/v1/scenarios', team)).status).toBe(403);
  });

  it('give the projector no hidden incident and no scenario, for tutors only', async () => {
    const scenario = resolveScenario('credit-income-drop');
    const hidden = deps.incidents.start({ scenario, mode: 'hidden', teams: ['team-1'], actor: 'tutor' });
    const announced = deps.incidents.start({ scenario, mode: 'announced', actor: 'tutor' });
    const res = await get('/v1/projector', 'tutor');
    expect(documented('/v1/projector', 'get', '200', res.body)).toBeNull();
    const ids = (res.body as { incidents: { id: string }[] }).incidents.map((i) => i.id);
    expect(ids).toContain(announced.id);
    expect(ids).not.toContain(hidden.id);
    expect(JSON.stringify(res.body)).not.toContain(`"${hidden.id}"`);
    expect(JSON.stringify(res.body)).not.toContain(scenario.id);
    for (const team of TEAMS) expect((await get('/v1/projector', team)).status).toBe(403);
  });
});
