import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { getWorld, Simulation, toRecord } from '@driftlab/simulator';
import { APPLICANT } from '../serving/src/testing/fixtures';
import {
  ensureModels,
  LabelledLog,
  ModelRegistry,
  Recovery,
  RegistryCatalog,
  storeTrained,
  trainModel,
} from '@driftlab/serving';
import { hostedServing } from './support/serving-host';

const worlds = [getWorld('credit')!, getWorld('sea')!];
let dir: string;
let registry: ModelRegistry;
let log: LabelledLog;
let app: ReturnType<typeof hostedServing>;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'driftlab-recovery-http-'));
  registry = ModelRegistry.open(join(dir, 'registry'));
  ensureModels(registry, worlds, 1);
  // credit v2: a healthy candidate trained on other data; v3 is added by the tests.
  storeTrained(registry, 'credit', trainModel(getWorld('credit')!, { seed: 8, trainSize: 5000 }));
  log = new LabelledLog(join(dir, 'labelled.sqlite'));
  const simulation = new Simulation({ world: getWorld('sea')!, seed: 5 });
  const records = Array.from({ length: 600 }, (_, i) => ({ i, r: toRecord(simulation.next()) }));
  log.recordPredictions(
    records.map(({ i, r }) => ({
      requestId: `s${i}`,
      model: 'sea',
      version: 1,
      time: Date.parse(r.time),
      features: r.features,
      prediction: 0,
      score: 0.5,
    })),
  );
  log.recordLabels(
    records.map(({ i, r }) => ({ requestId: `s${i}`, label: r.label, time: Date.parse(r.time) + 1 })),
  );
  const catalog = new RegistryCatalog(registry);
  app = hostedServing({
    catalog,
    recovery: new Recovery(registry, worlds, log, () => catalog.refresh()),
  });
});
afterAll(() => {
  log.close();
  registry.close();
  rmSync(dir, { recursive: true, force: true });
});

const servedVersion = async (model = 'credit') =>
  (await request(app).get(`/v1/models/${model}`)).body.model_version_status.find(
    (s: { state: string }) => s.state === 'AVAILABLE',
  ).version;

describe('recovery over HTTP', () => {
  it('GET /v1/models/{name}/versions lists versions with status, holdout metrics and gates', async () => {
    const res = await request(app).get('/v1/models/credit/versions').expect(200);
    expect(res.body.model).toBe('credit');
    expect(res.body.versions.map((v: { version: number; status: string }) => [v.version, v.status])).toEqual([
      [1, 'serving'],
      [2, 'candidate'],
    ]);
    expect(res.body.versions[0].holdout.accuracy).toBeGreaterThan(0.6);
    expect(res.body.versions[0].trainingWindow.source).toBe('simulation');
    await request(app).get('/v1/models/nope/versions').expect(404, { error: 'no model named "nope"' });
  });

  it('POST :promote runs the gates, answers their results and serves the new version at once', async () => {
    const res = await request(app)
      .post('/v1/models/credit:promote')
      .send({ version: 2, reason: 'fresher data' })
      .expect(200);
    expect(res.body.promoted).toBe(true);
    expect(res.body.gates.passed).toBe(true);
    expect(res.body.gates.checks.length).toBeGreaterThan(3);
    expect(res.body.deployment).toMatchObject({ action: 'promote', from: 1, to: 2, reason: 'fresher data' });
    expect(await servedVersion()).toBe('2');
  });

  it('POST :rollback serves an earlier version again, and the history shows both moves', async () => {
    const res = await request(app).post('/v1/models/credit:rollback').send({ version: 1 }).expect(200);
    expect(res.body.deployment).toMatchObject({
      action: 'rollback',
      from: 2,
      to: 1,
      reason: 'rollback over HTTP',
    });
    expect(await servedVersion()).toBe('1');
    const predicted = await request(app)
      .post('/v1/models/credit:predict')
      .send({ instances: [APPLICANT] });
    expect(predicted.body.predictions[0].model_version).toBe('1');
    const history = await request(app).get('/v1/models/credit/deployments').expect(200);
    expect(history.body.deployments.map((d: { action: string; to: number }) => [d.action, d.to])).toEqual([
      ['promote', 1],
      ['promote', 2],
      ['rollback', 1],
    ]);
  });

  it('answers 409 for a move the registry refuses and 404 for an unknown version', async () => {
    const forward = await request(app).post('/v1/models/credit:rollback').send({ version: 2 }).expect(409);
    expect(forward.body.error).toMatch(/rollback/i);
    const missing = await request(app).post('/v1/models/credit:promote').send({ version: 99 }).expect(404);
    expect(missing.body.error).toMatch(/99/);
  });

  it('POST :promote answers 409 with the gate results when a bad candidate fails them', async () => {
    // A model of sea stored as credit fails "the artifact loads": it is not a credit model.
    const wrong = trainModel(getWorld('sea')!, { seed: 2, trainSize: 2000 });
    const v = storeTrained(registry, 'credit', wrong);
    const res = await request(app).post('/v1/models/credit:promote').send({ version: v }).expect(409);
    expect(res.body.promoted).toBe(false);
    expect(res.body.error).toBe(`credit v${v} failed the promotion gates`);
    expect(res.body.gates.checks.find((c: { passed: boolean }) => !c.passed).name).toBe('the artifact loads');
    expect(await servedVersion()).toBe('1');
  });

  it('POST :retrain trains on the labelled log, stores gate results and promotes when asked', async () => {
    const res = await request(app)
      .post('/v1/models/sea:retrain')
      .send({ last: 500, promote: true })
      .expect(201);
    expect(res.body).toMatchObject({ model: 'sea', version: 2, records: 500, promoted: true });
    expect(res.body.gates.passed).toBe(true);
    expect(res.body.metrics.comparison.version).toBe(1);
    expect(await servedVersion('sea')).toBe('2');
  });

  it('POST :retrain answers 409 when the log holds too few labelled events', async () => {
    const res = await request(app).post('/v1/models/credit:retrain').send({ last: 100 }).expect(409);
    expect(res.body.error).toMatch(/credit has 0 labelled event\(s\)/);
  });

  it('answers 400 naming the field for bad bodies', async () => {
    const cases: [string, unknown, RegExp][] = [
      ['credit:rollback', {}, /field "version": expected a positive whole number, got nothing/],
      ['credit:rollback', { version: '1' }, /field "version"/],
      ['credit:promote', { version: 1.5 }, /field "version"/],
      ['credit:promote', { version: 2, reason: '' }, /field "reason"/],
      ['sea:retrain', { last: -1 }, /field "last"/],
      ['sea:retrain', { last: 100, promote: 'yes' }, /field "promote": expected true or false/],
      ['sea:retrain', { last: 5 }, /field "last": expected a whole number from 10 to 200000, got 5/],
      ['credit:rollback', [1], /expected a JSON object body/],
    ];
    for (const [target, body, message] of cases) {
      const res = await request(app)
        .post(`/v1/models/${target}`)
        .send(body as object);
      expect([target, res.status]).toEqual([target, 400]);
      expect(res.body.error).toMatch(message);
    }
    await request(app).post('/v1/models/nope:rollback').send({ version: 1 }).expect(404);
  });

  it('serves an OpenAPI document whose paths and methods are exactly the routes', async () => {
    const doc = (await request(app).get('/openapi.json').expect(200)).body;
    expect(doc.openapi).toBe('3.1.0');
    const documented = Object.entries(doc.paths as Record<string, object>).flatMap(([path, methods]) =>
      Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`),
    );
    expect(documented.sort()).toEqual(
      [
        'GET /healthz',
        'GET /metrics',
        'GET /openapi.json',
        'GET /readyz',
        'GET /v1/models/{name}',
        'GET /v1/models/{name}/deployments',
        'GET /v1/models/{name}/versions',
        'POST /v1/models/{name}:predict',
        'POST /v1/models/{name}:promote',
        'POST /v1/models/{name}:retrain',
        'POST /v1/models/{name}:rollback',
      ].sort(),
    );
    // Every documented route is served: an empty body gets the route's own answer, never the catch-all.
    for (const route of documented) {
      const [method, path] = route.split(' ');
      const concrete = path.replace('{name}', 'credit');
      const res =
        method === 'GET' ? await request(app).get(concrete) : await request(app).post(concrete).send({});
      expect([route, res.body?.error]).not.toEqual([route, 'no such route; see /openapi.json']);
      const documentedStatuses = Object.keys(doc.paths[path][method.toLowerCase()].responses);
      expect([route, documentedStatuses]).toEqual([route, expect.arrayContaining([String(res.status)])]);
    }
    // And an undocumented one is not.
    await request(app).get('/v1/models/credit/secrets').expect(404);
  });
});
