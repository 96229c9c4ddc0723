// The exporter's ingest router behind a host's JSON parsing: the router leaves what the parser
// refuses (malformed JSON, a body over the limit) to the host's JSON-error handler, serving's
// jsonBodyErrors, which every JSON API of the lab answers with. Moved from
// exporter/src/http/ingest.test.ts when the exporter stopped parsing bodies itself.
import express from 'express';
import request from 'supertest';
import { jsonBodyErrors } from '@driftlab/serving';
import { Exporter, ingestRoutes } from '@driftlab/exporter';

function app() {
  const exporter = new Exporter({ references: { reference: () => null } });
  const a = express()
    .use(express.json({ limit: '2kb' }))
    .use(ingestRoutes(exporter))
    .use(jsonBodyErrors);
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
