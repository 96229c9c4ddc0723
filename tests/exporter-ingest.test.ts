// The exporter's ingest router in the lab's host (as `driftlab start --only exporter` serves it):
// what its body parser refuses (malformed JSON, a body over the limit) the host answers, as it
// does for every router.
import request from 'supertest';
import type { FeatureSchema, ModelReference } from '@driftlab/contracts';
import { createHost } from '@driftlab/lab';
import { Exporter, ingestRoutes, type WireBatch } from '@driftlab/exporter';
import { modelReference } from '../exporter/src/testing/reference';

function app() {
  const exporter = new Exporter({ references: { reference: () => null } });
  const a = createHost({
    routers: [ingestRoutes(exporter, { bodyLimit: '2kb' })],
    registries: [exporter.metrics.registry],
    openapi: {},
  });
  return { app: a, exporter };
}

describe('the exporter ingest API behind a host', () => {
  it('answers 400 for malformed JSON and 413 for a body over the limit', async () => {
    const { app: a } = app();
    const malformed = await request(a)
      .post('/v1/events/labels')
      .set('content-type', 'application/json')
      .send('{"labels": [')
      .expect(400);
    expect(malformed.body.error).toMatch(/^malformed JSON/);
    await request(a)
      .post('/v1/events/labels')
      .send({
        labels: Array.from({ length: 100 }, () => ({ model: 'sea', request_id: 'x', label: 1, time: 1 })),
      })
      .expect(413);
  });
});

// Hostile input on the ingest API (issue 16): every batch is checked against what the exporter
// knows (a model version it has a reference for, rows as that version's schema, a plausible time)
// and within bounds, before anything is recorded; refusals are answered 400 naming the field, and
// counted in driftlab_exporter_events_refused_total.
describe('the exporter ingest API refuses what it cannot monitor', () => {
  const schema: FeatureSchema = {
    world: 'sea',
    task: 'classification',
    target: { name: 'class', classes: ['no', 'yes'] },
    features: ['f1', 'f2', 'f3'].map(
      (name) => ({ name, kind: 'numeric', min: 0, max: 10, decimals: 3, unit: '' }) as const,
    ),
  };
  const reference = modelReference(schema, 2000);
  const T0 = Date.UTC(2026, 0, 5);
  const DAY = 86_400_000;

  function lab() {
    const asked = { count: 0 };
    const references = {
      reference(model: string, version: number): ModelReference | null {
        asked.count++;
        return model === 'sea' && version === 1 ? reference : null;
      },
    };
    // refreshMs 0: every scrape sees what the requests before it did.
    const exporter = new Exporter({ references, refreshMs: 0 });
    const a = createHost({
      routers: [ingestRoutes(exporter)],
      registries: [exporter.metrics.registry],
      openapi: {},
    });
    return { app: a, exporter, asked };
  }

  let id = 0;
  const batch = (over: Partial<WireBatch> = {}, n = 1): WireBatch => {
    const ids = Array.from({ length: n }, () => `sea-${id++}`);
    return {
      model: 'sea',
      version: 1,
      task: 'classification',
      time: T0,
      request_ids: ids,
      instances: ids.map(() => ({ f1: 1, f2: 2, f3: 3 })),
      observed: ids.map(() => [1, 2, 3]),
      fault_bits: ids.map(() => [0, 0, 0]),
      unknown_fields: ids.map(() => 0),
      predictions: ids.map(() => 1),
      scores: ids.map(() => 0.9),
      ...over,
    };
  };
  const post = (a: ReturnType<typeof lab>['app'], batches: WireBatch[]) =>
    request(a).post('/v1/events/predictions').send({ batches });
  const scrape = async (a: ReturnType<typeof lab>['app']) =>
    (await request(a).get('/metrics').expect(200)).text;

  it('refuses observed rows of the wrong length, an unknown model, a made-up version', async () => {
    const { app: a, exporter } = lab();
    await post(a, [batch()]).expect(200, { instances: 1 });
    const cases: [WireBatch, string, string][] = [
      [batch({ observed: [[1, 2]] }), 'batches[1].observed[0]: expected 3 values', 'schema_mismatch'],
      [batch({ observed: [[1, 2, 3, 4]] }), 'batches[1].observed[0]: expected 3 values', 'schema_mismatch'],
      [batch({ fault_bits: [[0]] }), 'batches[1].fault_bits[0]: expected 3 fault bytes', 'schema_mismatch'],
      [
        batch({ model: 'no-such-model' }),
        'batches[1].model: expected a model the exporter has',
        'unknown_model',
      ],
      [
        batch({ version: Number.MAX_SAFE_INTEGER }),
        'batches[1].version: expected a version of model "sea"',
        'unknown_version',
      ],
    ];
    for (const [bad, message, reason] of cases) {
      const res = await post(a, [batch(), bad]).expect(400);
      expect(res.body.error.startsWith(message)).toBe(true);
      expect(res.body.reason).toBe(reason);
    }
    // Nothing of a refused body was recorded: only the first request's instance.
    expect(exporter.monitor('sea')!.observed).toBe(1);
    const text = await scrape(a);
    expect(text).not.toContain('9007199254740991');
    expect(text).not.toContain('no-such-model');
    expect(text).toContain('driftlab_exporter_events_refused_total{reason="schema_mismatch"} 3');
    expect(text).toContain('driftlab_exporter_events_refused_total{reason="unknown_version"} 1');
  });

  it('answers 5,000 batches of distinct versions at once, asking the reference source twice', async () => {
    const { app: a, asked } = lab();
    const many = Array.from({ length: 5000 }, (_, i) => batch({ version: i + 1 }));
    const started = performance.now();
    const res = await post(a, many).expect(400);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(res.body).toEqual({
      error: 'batches[1].version: expected a version of model "sea" the exporter has a reference for, got 2',
      reason: 'unknown_version',
    });
    expect(asked.count).toBe(2);
  });

  it('refuses an implausible or far-future event time, leaving the windows as they were', async () => {
    const { app: a } = lab();
    for (let m = 0; m < 60; m++) await post(a, [batch({ time: T0 + m * 60_000 }, 20)]).expect(200);
    const windowLine = (text: string) =>
      text
        .split('\n')
        .find((l) =>
          l.startsWith('driftlab_window_predictions{model="sea",version="1",window="last_3600s"}'),
        );
    const before = await scrape(a);
    expect(windowLine(before)).toMatch(/ 1200$/);
    for (const time of [1e20, T0 + 60 * 60_000 + 31 * DAY]) {
      const res = await post(a, [batch({ time })]).expect(400);
      expect(res.body.error.startsWith('batches[0].time: expected ')).toBe(true);
    }
    const labels = [{ model: 'sea', request_id: 'sea-0', label: 1, time: 1e20 }];
    const res = await request(a).post('/v1/events/labels').send({ labels }).expect(400);
    expect(res.body).toMatchObject({ reason: 'time_range' });
    expect(res.body.error.startsWith('labels[0].time: expected epoch milliseconds')).toBe(true);
    const after = await scrape(a);
    expect(windowLine(after)).toBe(windowLine(before));
    expect(after).toContain('driftlab_exporter_events_refused_total{reason="time_range"} 2');
    expect(after).toContain('driftlab_exporter_events_refused_total{reason="time_ahead"} 1');
  });

  it('keeps nothing of thousands of distinct model names', async () => {
    const { app: a, exporter } = lab();
    for (let i = 0; i < 2000; i++) {
      const res = await post(a, [batch({ model: `made-up-${i}` })]).expect(400);
      expect(res.body.reason).toBe('unknown_model');
    }
    expect(exporter.monitor('made-up-1')).toBeUndefined();
    const text = await scrape(a);
    expect(text).not.toContain('made-up');
    expect(text).toContain('driftlab_exporter_events_refused_total{reason="unknown_model"} 2000');
  }, 30_000);
});
