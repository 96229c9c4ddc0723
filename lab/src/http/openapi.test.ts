import express from 'express';
import request from 'supertest';
import { controlRoutes, type ControlDeps } from './control-routes';
import { labRoutes } from './lab-routes';
import {
  DIAGNOSIS_REQUEST,
  LAB_OPENAPI_PATHS,
  PLAYBOOK_REQUEST,
  START_REQUEST,
  withLabPaths,
} from './openapi';

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
  // The routers are only listed, never called: empty dependencies are enough.
  const deps = { tokens: { identify: () => null, teams: {} } } as unknown as ControlDeps;
  const routes = [
    ...routesOf(controlRoutes(deps)),
    ...routesOf(labRoutes({ record: {}, alerts: {}, metrics: {} } as never)),
  ];

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
    if ((schema.items as Schema | undefined)?.type === 'string') out.push(['items', [5]]);
  }
  return out;
}

interface Violation {
  /** The field the refusal must name, e.g. `incidents[0].mode`. */
  readonly field: string;
  readonly keyword: string;
  readonly body: Body;
}

/**
 * Every constraint an object schema states, broken one at a time in a copy of `valid`: each
 * property's keywords, each required field left out, the items of a list of objects (its first).
 */
function violations(schema: Schema, valid: Body, prefix = ''): Violation[] {
  const out: Violation[] = [];
  const properties = (schema.properties ?? {}) as Record<string, Schema>;
  for (const [name, field] of Object.entries(properties)) {
    const at = `${prefix}${name}`;
    for (const [keyword, value] of breaking(field))
      // A bad item is named by its place in the list.
      out.push({ field: keyword === 'items' ? `${at}[0]` : at, keyword, body: { ...valid, [name]: value } });
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
      since: '2026-11-27T10:15:00Z',
      note: 'incomes dropped',
    },
  };
  const posts = Object.entries(LAB_OPENAPI_PATHS).flatMap(([path, methods]) => {
    const post = (
      methods as { post?: { requestBody?: { content: { 'application/json': { schema: Schema } } } } }
    ).post;
    return post?.requestBody ? [[path, post.requestBody.content['application/json'].schema] as const] : [];
  });
  // A fresh team each diagnosis, so the per-team rate limit does not answer first.
  let teams = 0;
  const tokenFor = (path: string) => (path === '/v1/diagnoses' ? `team-${++teams}` : 'tutor');
  const deps = {
    tokens: {
      identify: (t: string) => (t === 'tutor' ? { role: 'tutor' } : { role: 'team', team: t }),
      teams: {},
    },
    incidents: { start: () => ({ id: 'inc-1' }), tutorView: (i: object) => i },
    diagnoses: { submit: () => ({}), feedback: () => ({ received: true }) },
    speed: () => 1,
  } as unknown as ControlDeps;
  const app = express().use(controlRoutes(deps));
  const post = (path: string, body: object) =>
    request(app)
      .post(path)
      .set('authorization', `Bearer ${tokenFor(path)}`)
      .send(body);

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
    const res = await post(path, VALID[path]);
    expect([res.status, res.body.error]).toEqual([201, undefined]);
  });

  it.each(Object.keys(VALID))(
    '%s refuses each documented constraint broken, naming the field',
    async (path) => {
      const schema = posts.find(([p]) => p === path)![1];
      const broken = violations(schema, VALID[path]);
      expect(broken.length).toBeGreaterThan(5);
      for (const v of broken) {
        const res = await post(path, v.body);
        const error = String(res.body.error);
        const named =
          v.keyword === 'anyOf'
            ? error.includes(`"${v.field.split('.').at(-1)}"`)
            : error.startsWith(`${v.field}: expected `);
        expect([v.field, v.keyword, res.status, named]).toEqual([v.field, v.keyword, 400, true]);
      }
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
    const text = await request(app)
      .post('/v1/incidents')
      .set('authorization', 'Bearer tutor')
      .set('content-type', 'application/json')
      .send('[1]');
    expect([text.status, text.body.error]).toEqual([
      400,
      expect.stringMatching(/^expected a JSON object body/),
    ]);
  });
});
