import { faultBit, type PredictionBatch } from '@driftlab/contracts';
import { Writable } from 'node:stream';
import request from 'supertest';
import winston from 'winston';
import { getWorld } from '@driftlab/simulator';
import { APPLICANT } from '../serving/src/testing/fixtures';
import {
  FaultInjector,
  MAX_PENDING_REQUEST_FAULTS,
  type ModelCatalog,
  type ServedModel,
  ServingMetrics,
  STRICT_INPUT_POLICY,
  toServedModel,
  trainModel,
} from '@driftlab/serving';
import { hostedServing } from './support/serving-host';

/** Real models, trained on a small seeded simulation of their worlds. */
function trained(world: string, version: number): ServedModel {
  const model = trainModel(getWorld(world)!, { seed: 1, trainSize: 5000, holdoutSize: 1000 });
  return toServedModel(world, version, model);
}

const models = new Map([
  ['credit', trained('credit', 3)],
  ['delivery', trained('delivery', 1)],
]);
const catalog: ModelCatalog = {
  current: (name) => models.get(name),
  status: (name) =>
    models.has(name) ? { versions: [1, 2, 3], serving: models.get(name)!.version } : undefined,
  names: () => [...models.keys()],
};
const app = hostedServing({ catalog, maxInstances: 50 });

const applicant = APPLICANT;
const risky = {
  ...applicant,
  employment_type: 'unemployed',
  utilization: 0.98,
  debt_to_income: 1.6,
  delinquencies_2y: 6,
};

describe('prediction API', () => {
  it('GET /healthz and /readyz answer 200', async () => {
    await request(app).get('/healthz').expect(200, { status: 'ok' });
    const ready = await request(app).get('/readyz').expect(200);
    expect(ready.body.models).toEqual(['credit', 'delivery']);
  });

  it("takes each instance's own request id from request_ids (a client's micro-batch), and names a bad one", async () => {
    const res = await request(app)
      .post('/v1/models/credit:predict')
      .send({ instances: [applicant, risky], request_ids: ['credit-r2-7', 'credit-r2-9'] })
      .expect(200);
    expect(res.body.predictions.map((p: { request_id: string }) => p.request_id)).toEqual([
      'credit-r2-7',
      'credit-r2-9',
    ]);
    const short = await request(app)
      .post('/v1/models/credit:predict')
      .send({ instances: [applicant, risky], request_ids: ['credit-r2-7'] })
      .expect(400);
    expect(short.body.error).toBe('field "request_ids": expected a list of 2 request ids, one per instance');
    const bad = await request(app)
      .post('/v1/models/credit:predict')
      .send({ instances: [applicant], request_ids: ['no spaces'] })
      .expect(400);
    expect(bad.body.error).toBe('field "request_ids[0]": expected 1 to 128 letters, digits or . _ : -');
  });

  it('POST /v1/models/{name}:predict returns class, probability, version and request id per instance', async () => {
    const res = await request(app)
      .post('/v1/models/credit:predict')
      .set('X-Request-Id', 'evt-42')
      .send({ instances: [applicant, risky] })
      .expect(200);
    expect(res.headers['x-request-id']).toBe('evt-42');
    const [safe, bad] = res.body.predictions;
    expect(safe).toMatchObject({ class: 0, model_version: '3', request_id: 'evt-42-0' });
    expect(bad).toMatchObject({ class: 1, model_version: '3', request_id: 'evt-42-1' });
    expect(bad.probability).toBeGreaterThan(0.5);
    expect(safe.probability).toBeLessThan(bad.probability);
  });

  it('serves regression models with a value and generates a request id when none is given', async () => {
    const res = await request(app)
      .post('/v1/models/delivery:predict')
      .send({
        instances: [
          {
            distance_km: 3,
            hour_of_day: 15,
            day_of_week: 'tue',
            weather: 'clear',
            zone: 'suburb',
            vehicle: 'car',
            courier_load: 1,
            restaurant_prep_min: 12,
            order_items: 2,
          },
        ],
      })
      .expect(200);
    const [p] = res.body.predictions;
    expect(p.value).toBeGreaterThan(10);
    expect(p.request_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(p).not.toHaveProperty('class');
  });

  it('GET /v1/models/{name} lists versions in the TensorFlow Serving format', async () => {
    const res = await request(app).get('/v1/models/credit').expect(200);
    expect(
      res.body.model_version_status.map((s: { version: string; state: string }) => [s.version, s.state]),
    ).toEqual([
      ['1', 'END'],
      ['2', 'END'],
      ['3', 'AVAILABLE'],
    ]);
  });

  it('answers 404 for an unknown model, verb or route', async () => {
    const model = await request(app)
      .post('/v1/models/mortgage:predict')
      .send({ instances: [{}] })
      .expect(404);
    expect(model.body.error).toBe('no model named "mortgage"; models: credit, delivery');
    await request(app).get('/v1/models/mortgage').expect(404);
    const verb = await request(app)
      .post('/v1/models/credit:explain')
      .send({ instances: [applicant] })
      .expect(404);
    expect(verb.body.error).toMatch(/unknown verb "explain"/);
    await request(app).get('/v2/anything').expect(404);
  });

  it('answers 400 for malformed JSON, a missing body and missing instances', async () => {
    const malformed = await request(app)
      .post('/v1/models/credit:predict')
      .set('Content-Type', 'application/json')
      .send('{"instances": [')
      .expect(400);
    expect(malformed.body.error).toMatch(/^malformed JSON: /);
    const noBody = await request(app).post('/v1/models/credit:predict').send('instances').expect(400);
    expect(noBody.body.error).toMatch(/expected a JSON object/);
    const noInstances = await request(app).post('/v1/models/credit:predict').send({ rows: [] }).expect(400);
    expect(noInstances.body.error).toBe('field "instances": expected a non-empty list of objects');
    await request(app).post('/v1/models/credit:predict').send({ instances: [] }).expect(400);
  });

  it('answers 400 with field errors for invalid instances', async () => {
    const res = await request(app)
      .post('/v1/models/credit:predict')
      .send({ instances: [applicant, { ...applicant, age: 'old', region: 7 }] })
      .expect(400);
    expect(res.body.error).toBe('invalid instances');
    expect(res.body.fields).toEqual([
      expect.objectContaining({ instance: 1, field: 'age', problem: 'wrong-type' }),
      expect.objectContaining({ instance: 1, field: 'region', problem: 'wrong-type' }),
    ]);
  });

  it('applies the strict policy when configured: missing fields are rejected', async () => {
    const strict = hostedServing({ catalog, policy: STRICT_INPUT_POLICY });
    const { home_ownership: _dropped, ...withoutHome } = applicant;
    const res = await request(strict)
      .post('/v1/models/credit:predict')
      .send({ instances: [withoutHome] })
      .expect(400);
    expect(res.body.fields[0]).toMatchObject({ field: 'home_ownership', problem: 'missing' });
    await request(app)
      .post('/v1/models/credit:predict')
      .send({ instances: [withoutHome] })
      .expect(200);
  });

  it('answers 413 for a body over the limit or too many instances', async () => {
    const small = hostedServing({ catalog, bodyLimit: '1kb' });
    const big = await request(small)
      .post('/v1/models/credit:predict')
      .send({ instances: Array.from({ length: 20 }, () => applicant) })
      .expect(413);
    expect(big.body.error).toMatch(/request body larger than 1024 bytes/);
    const many = await request(app)
      .post('/v1/models/credit:predict')
      .send({ instances: Array.from({ length: 51 }, () => applicant) })
      .expect(413);
    expect(many.body.error).toBe('field "instances": at most 50 per request, got 51');
  });

  it('counts requests, errors, latency and input faults in Prometheus metrics', async () => {
    const metrics = new ServingMetrics();
    const counted = hostedServing({ catalog, metrics });
    await request(counted)
      .post('/v1/models/credit:predict')
      .send({ instances: [applicant, applicant] })
      .expect(200);
    const { home_ownership: _h, ...partial } = applicant;
    await request(counted)
      .post('/v1/models/credit:predict')
      .send({ instances: [{ ...partial, nickname: 'x' }] })
      .expect(200);
    await request(counted)
      .post('/v1/models/credit:predict')
      .send({ instances: [{ ...applicant, age: 'old' }] })
      .expect(400);
    const text = (await request(counted).get('/metrics').expect(200)).text;
    expect(text).toContain('driftlab_prediction_requests_total{model="credit",version="3",status="200"} 2');
    expect(text).toContain('driftlab_prediction_errors_total{model="credit",version="3",status="400"} 1');
    expect(text).toContain('driftlab_prediction_duration_seconds_count{model="credit",version="3"} 3');
    expect(text).toContain('driftlab_predictions_total{model="credit",version="3"} 3');
    expect(text).toContain(
      'driftlab_input_faults_total{model="credit",feature="home_ownership",fault="missing"} 1',
    );
    expect(text).toContain(
      'driftlab_input_faults_total{model="credit",feature="(unknown)",fault="unknown-field"} 1',
    );
    expect(text).toContain('driftlab_input_faults_total{model="credit",feature="age",fault="wrong-type"} 1');
    expect(text).not.toContain('nickname');
  });

  it("refuses a field nested 6,000 levels deep before parsing, and passes on an accepted instance's schema fields only", async () => {
    const batches: PredictionBatch[] = [];
    const reporting = hostedServing({ catalog, onPredictions: (b) => batches.push(b) });
    // Written as text: JSON.stringify itself cannot go that deep.
    const nested = (depth: number) => '['.repeat(depth) + '1' + ']'.repeat(depth);
    const withX = (x: string) =>
      `{"instances":[${JSON.stringify({ ...applicant, x: 0 }).replace('"x":0', `"x":${x}`)}]}`;
    const post = (body: string) =>
      request(reporting).post('/v1/models/credit:predict').set('content-type', 'application/json').send(body);
    const deep = await post(withX(nested(6000))).expect(400);
    expect(deep.body.error).toMatch(/nested deeper than 16 levels/);
    expect(batches).toHaveLength(0);
    // Nested within the limit: answered, and only the schema's fields go on.
    await post(withX(nested(10))).expect(200);
    expect(batches).toHaveLength(1);
    expect(batches[0].instances[0]).toEqual(applicant);
  });

  it('reports each answered request to onPredictions: ids, event time, values as sent, faults, outputs', async () => {
    const batches: PredictionBatch[] = [];
    const reporting = hostedServing({
      catalog,
      onPredictions: (b) => batches.push(b),
      trustedSender: (req) => req.get('authorization') === 'Bearer simulator',
    });
    const res = await request(reporting)
      .post('/v1/models/credit:predict')
      .set('X-Request-Id', 'evt-7')
      .set('X-Event-Time', '2026-01-05T10:00:00Z')
      .set('authorization', 'Bearer simulator')
      .send({ instances: [applicant, { ...applicant, region: 'atlantis', age: null }] })
      .expect(200);
    await request(reporting)
      .post('/v1/models/credit:predict')
      .send({ instances: [{ age: 'old' }] })
      .expect(400);
    expect(batches).toHaveLength(1); // rejected requests are not reported
    const [batch] = batches;
    expect(batch).toMatchObject({
      model: 'credit',
      version: 3,
      task: 'classification',
      time: Date.parse('2026-01-05T10:00:00Z'),
    });
    expect(batch.requestIds).toEqual(['evt-7-0', 'evt-7-1']);
    expect(batch.predictions).toEqual(res.body.predictions.map((p: { class: number }) => p.class));
    expect(batch.scores).toEqual(res.body.predictions.map((p: { probability: number }) => p.probability));
    const age = models.get('credit')!.schema.findIndex((f) => f.name === 'age');
    const region = models.get('credit')!.schema.findIndex((f) => f.name === 'region');
    expect(batch.observed[0][age]).toBe(applicant.age);
    expect(batch.observed[1][age]).toBeNaN();
    expect(batch.observed[1][region]).toBe(-1);
    expect(batch.faultBits[1][age]).toBe(faultBit('missing'));
    expect(batch.faultBits[1][region]).toBe(faultBit('unseen-category'));
    // Without X-Event-Time, serving's clock: the latest time the trusted sender said.
    await request(reporting)
      .post('/v1/models/credit:predict')
      .send({ instances: [applicant] })
      .expect(200);
    expect(batches[1].time).toBe(Date.parse('2026-01-05T10:00:00Z'));
  });

  it("believes only a trusted sender's X-Event-Time: anyone else's is replaced by serving's clock and counted", async () => {
    const batches: PredictionBatch[] = [];
    const metrics = new ServingMetrics();
    const app = hostedServing({
      catalog,
      metrics,
      onPredictions: (b) => batches.push(b),
      trustedSender: (req) => req.get('authorization') === 'Bearer simulator',
    });
    const predict = (time: string, trusted: boolean) => {
      const req = request(app).post('/v1/models/credit:predict').set('X-Event-Time', time);
      if (trusted) req.set('authorization', 'Bearer simulator');
      return req.send({ instances: [applicant] });
    };
    // Before any trusted time, the wall clock.
    const before = Date.now();
    await predict('2100-01-01T00:00:00Z', false).expect(200);
    expect(batches[0].time).toBeGreaterThanOrEqual(before);
    expect(batches[0].time).toBeLessThan(Date.parse('2100-01-01T00:00:00Z'));
    await predict('2026-03-01T00:00:00Z', true).expect(200);
    // A student's request dated 2100 lands at the simulated now, not in 2100.
    await predict('2100-01-01T00:00:00Z', false).expect(200);
    await predict('1e20', false).expect(200);
    expect(batches.map((b) => b.time).slice(1)).toEqual(Array(3).fill(Date.parse('2026-03-01T00:00:00Z')));
    const text = await metrics.registry.metrics();
    expect(text).toMatch(/^driftlab_event_times_replaced_total\{model="credit"\} 3$/m);
    // Even the trusted sender's time must be a real one.
    for (const bad of ['1e20', '99999999999999999999', '9999-12-31T23:59:59Z', '0']) {
      const res = await predict(bad, true).expect(400);
      expect(res.body.error).toMatch(/^X-Event-Time: expected epoch milliseconds from 2000-01-01/);
    }
    expect(batches).toHaveLength(4);
  });

  describe('serving faults', () => {
    const draws = [0.1, 0.9, 0.2, 0.7];
    const faults = new FaultInjector(() => draws.shift() ?? 1);
    const metrics = new ServingMetrics();
    const faulty = hostedServing({ catalog, faults, metrics });
    const predict = () =>
      request(faulty)
        .post('/v1/models/credit:predict')
        .send({ instances: [applicant] });

    afterEach(() => faults.clear());

    it('adds latency to every answer', async () => {
      faults.set('credit', { addedLatencyMs: 120 });
      const started = performance.now();
      await predict().expect(200);
      expect(performance.now() - started).toBeGreaterThanOrEqual(115);
      // Other models are untouched.
      faults.set('delivery', { addedLatencyMs: 5000 });
      faults.clear('credit');
      const quick = performance.now();
      await predict().expect(200);
      expect(performance.now() - quick).toBeLessThan(1000);
    });

    it('fails the configured share of requests with the configured status', async () => {
      faults.set('credit', { errorRate: 0.5, failStatus: 503 });
      // Draws 0.1 and 0.2 fall under the rate, 0.9 and 0.7 do not.
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await predict()).status);
      expect(statuses).toEqual([503, 200, 503, 200]);
    });

    it('answers 503 with Retry-After while the model is unavailable, and counts it', async () => {
      faults.set('credit', { unavailable: true });
      const res = await predict().expect(503);
      expect(res.body).toEqual({ error: 'model unavailable' });
      expect(res.headers['retry-after']).toBe('30');
      const text = (await request(faulty).get('/metrics')).text;
      expect(text).toMatch(
        /driftlab_prediction_errors_total\{model="credit",version="3",status="503"\} [1-9]/,
      );
    });

    it('carries out a fault arranged for one request id, once, and leaves other requests alone', async () => {
      faults.expectRequest('evt-1', { addedLatencyMs: 0, failStatus: 502, unavailable: false });
      faults.expectRequest('evt-2', { addedLatencyMs: 100, failStatus: 0, unavailable: false });
      faults.expectRequest('evt-3', { addedLatencyMs: 0, failStatus: 0, unavailable: true });
      const send = (id: string) =>
        request(faulty)
          .post('/v1/models/credit:predict')
          .set('X-Request-Id', id)
          .send({ instances: [applicant] });
      expect((await send('evt-0')).status).toBe(200);
      expect((await send('evt-1')).status).toBe(502);
      expect((await send('evt-1')).status).toBe(200); // carried out once
      const started = performance.now();
      expect((await send('evt-2')).status).toBe(200);
      expect(performance.now() - started).toBeGreaterThanOrEqual(95);
      expect((await send('evt-3')).status).toBe(503);
      expect(faults.pendingRequests).toBe(0);
    });

    it('forgets the oldest arranged request faults beyond its bound', () => {
      const bounded = new FaultInjector();
      for (let i = 0; i < MAX_PENDING_REQUEST_FAULTS + 5; i++)
        bounded.expectRequest(`r${i}`, { addedLatencyMs: 0, failStatus: 500, unavailable: false });
      expect(bounded.pendingRequests).toBe(MAX_PENDING_REQUEST_FAULTS);
      expect(() =>
        bounded.expectRequest('x', { addedLatencyMs: 0, failStatus: 404, unavailable: false }),
      ).toThrow('failStatus: expected 0 or 500 to 599');
    });

    it('refuses settings outside their range, naming the field', () => {
      expect(() => faults.set('credit', { errorRate: 2 })).toThrow(
        'errorRate: expected a number from 0 to 1',
      );
      expect(() => faults.set('credit', { addedLatencyMs: -1 })).toThrow(
        'addedLatencyMs: expected a number >= 0',
      );
      expect(() => faults.set('credit', { failStatus: 404 })).toThrow('failStatus: expected 500 to 599');
    });
  });

  it('logs one JSON line per prediction at the http level with ids and timing, never feature values', async () => {
    const lines: string[] = [];
    const logger = winston.createLogger({
      level: 'http',
      format: winston.format.json(),
      transports: [
        new winston.transports.Stream({
          stream: new Writable({ write: (c, _e, done) => (lines.push(String(c)), done()) }),
        }),
      ],
    });
    const logged = hostedServing({ catalog, logger });
    await request(logged)
      .post('/v1/models/credit:predict')
      .set('X-Request-Id', 'evt-7')
      .send({ instances: [applicant] })
      .expect(200);
    await request(logged)
      .post('/v1/models/credit:predict')
      .send({ instances: [{ ...applicant, age: 'secret-ish' }] })
      .expect(400);
    const entries = lines.map((l) => JSON.parse(l));
    expect(entries[0]).toMatchObject({
      level: 'http',
      message: 'prediction',
      model: 'credit',
      version: '3',
      status: 200,
      requestId: 'evt-7',
    });
    expect(entries[1]).toMatchObject({ status: 400 });
    const text = lines.join('');
    expect(text).not.toContain('60000');
    expect(text).not.toContain('secret-ish');
  });
});
