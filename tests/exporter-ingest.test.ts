// The exporter's ingest router in the lab's host (as `driftlab start --only exporter` serves it):
// what its body parser refuses (malformed JSON, a body over the limit) the host answers, as it
// does for every router.
import request from 'supertest';
import { createHost } from '@driftlab/lab';
import { Exporter, ingestRoutes } from '@driftlab/exporter';

function app() {
  const exporter = new Exporter({ references: { reference: () => null } });
  const a = createHost({
    routers: [ingestRoutes(exporter, '2kb')],
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
