import express from 'express';
import request from 'supertest';
import type { FeatureSchema } from '@driftlab/contracts';
import { Exporter } from '../exporter';
import { modelReference } from '../testing/reference';
import { ingestRoutes } from './ingest';
import type { WireBatch } from './wire';

const field = (name: string) => ({ name, kind: 'numeric', min: 0, max: 10, decimals: 3, unit: '' }) as const;
const schema: FeatureSchema = {
  world: 'sea',
  task: 'classification',
  target: { name: 'class', classes: ['f1 + f2 > θ', 'f1 + f2 <= θ'] },
  features: [field('f1'), field('f2'), field('f3')],
};
const reference = modelReference(schema, 2000);
const references = { reference: () => reference };

function app() {
  const exporter = new Exporter({ references });
  const a = express().use(ingestRoutes(exporter));
  return { app: a, exporter };
}

const batch = (ids: string[]): WireBatch => ({
  model: 'sea',
  version: 1,
  task: 'classification',
  time: 1_767_571_200_000,
  request_ids: ids,
  instances: ids.map(() => ({ f1: 1, f2: 2, f3: 3 })),
  observed: ids.map(() => [1, null, 3]),
  fault_bits: ids.map(() => [0, 1, 0]),
  unknown_fields: ids.map(() => 0),
  predictions: ids.map(() => 1),
  scores: ids.map(() => 0.9),
});

describe('the exporter ingest API', () => {
  it('records prediction batches and joins labels sent later, counting every outcome', async () => {
    const { app: a, exporter } = app();
    await request(a)
      .post('/v1/events/predictions')
      .send({ batches: [batch(['a', 'b']), batch(['c'])] })
      .expect(200, { instances: 3 });
    const labels = [
      { model: 'sea', request_id: 'a', label: 1, time: 1_767_571_300_000 },
      { model: 'sea', request_id: 'a', label: 1, time: 1_767_571_300_000 },
      { model: 'sea', request_id: 'zz', label: 0, time: 1_767_571_300_000 },
    ];
    await request(a)
      .post('/v1/events/labels')
      .send({ labels })
      .expect(200, { joined: 1, duplicate: 1, unknown: 1 });
    const monitor = exporter.monitor('sea')!;
    expect(monitor.observed).toBe(3);
    // null travelled as NaN: f2 counted missing-free values only, and its fault bit arrived.
    expect(monitor.features.numericValues(1)).toHaveLength(0);
    expect(monitor.features.failureRate(1, 'missing')).toBe(1);
  });

  it('counts a label that overtook the first prediction of its model under model="(unseen)"', async () => {
    const { app: a, exporter } = app();
    const early = [
      { model: 'sea', request_id: 'a', label: 1, time: 1_767_571_300_000 },
      { model: 'no-such-model', request_id: 'b', label: 0, time: 1_767_571_300_000 },
    ];
    await request(a)
      .post('/v1/events/labels')
      .send({ labels: early })
      .expect(200, { joined: 0, duplicate: 0, unknown: 2 });
    const text = await exporter.metrics.registry.metrics();
    expect(text).toContain('driftlab_labels_total{model="(unseen)",outcome="unknown"} 2');
    expect(text).not.toContain('no-such-model');
  });

  it('refuses an instance that is not flat, without serialising it, naming the field', async () => {
    const { app: a } = app();
    // Nested, though within the body parser's depth bound (which refuses deeper bodies itself).
    const deep = '{"d":'.repeat(3) + '1' + '}'.repeat(3);
    const b = { ...batch(['sea-1']), instances: [{ f1: 1, x: 0 }] };
    const body = JSON.stringify({ batches: [b] }).replace('"x":0', `"x":${deep}`);
    const res = await request(a)
      .post('/v1/events/predictions')
      .set('content-type', 'application/json')
      .send(body);
    expect(res.status).toBe(400);
    expect(res.body.error).toBe(
      'batches[0].instances[0].x: expected a number, a string of at most 256 characters or null, got an object',
    );
  });

  it('answers 400 naming the field, and records nothing of a bad body', async () => {
    const { app: a, exporter } = app();
    const bad = { ...batch(['a']), scores: [] };
    const res = await request(a)
      .post('/v1/events/predictions')
      .send({ batches: [batch(['ok']), bad] })
      .expect(400);
    expect(res.body.error).toBe(
      'batches[1].scores: expected a list of 1 (one per request id), got "0 items"',
    );
    expect(exporter.monitor('sea')).toBeUndefined();
    const cases: [string, unknown, RegExp][] = [
      ['/v1/events/predictions', {}, /^batches: expected a list/],
      [
        '/v1/events/predictions',
        { batches: [{ ...batch(['a']), version: 0 }] },
        /^batches\[0\]\.version: expected a positive whole number, got 0$/,
      ],
      [
        '/v1/events/predictions',
        { batches: [{ ...batch(['a']), observed: [['x', 1, 2]] }] },
        /^batches\[0\]\.observed\[0\]\[0\]: expected a finite number, got "x"$/,
      ],
      [
        '/v1/events/labels',
        { labels: [{ model: 'sea', request_id: 'a', label: 'yes', time: 1 }] },
        /^labels\[0\]\.label: expected a finite number, got "yes"$/,
      ],
      ['/v1/events/labels', { labels: 'all' }, /^labels: expected a list/],
    ];
    for (const [path, body, message] of cases) {
      const r = await request(a)
        .post(path)
        .send(body as object)
        .expect(400);
      expect(r.body.error).toMatch(message);
    }
  });
});
