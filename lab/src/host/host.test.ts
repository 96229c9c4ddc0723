import { Writable } from 'node:stream';
import express from 'express';
import { Counter, Registry, type OpenMetricsContentType } from 'prom-client';
import request from 'supertest';
import winston from 'winston';
import { createHost } from './host';
import { listen } from './listen';

function registryWith(name: string): Registry<OpenMetricsContentType> {
  const registry = new Registry<OpenMetricsContentType>();
  registry.setContentType(Registry.OPENMETRICS_CONTENT_TYPE);
  new Counter({ name, help: `${name} help`, registers: [registry] }).inc(3);
  return registry;
}

describe('the lab host', () => {
  const lines: string[] = [];
  const logger = winston.createLogger({
    format: winston.format.json(),
    transports: [
      new winston.transports.Stream({
        stream: new Writable({ write: (c, _e, done) => (lines.push(String(c)), done()) }),
      }),
    ],
  });
  const router = express.Router();
  router.post('/echo', express.json({ limit: '1kb' }), (req, res) => void res.json(req.body));
  router.get('/boom', () => {
    throw new Error('secret detail /home/lab/src/x.ts');
  });
  const app = createHost({
    routers: [router],
    registries: [registryWith('driftlab_a'), registryWith('driftlab_b')],
    openapi: { openapi: '3.1.0', paths: { '/echo': {} } },
    logger,
  });

  it('serves /healthz, /openapi.json and every registry on one /metrics', async () => {
    await request(app).get('/healthz').expect(200, { status: 'ok' });
    await request(app)
      .get('/openapi.json')
      .expect(200, { openapi: '3.1.0', paths: { '/echo': {} } });
    const text = (await request(app).get('/metrics').expect(200)).text;
    expect(text).toMatch(/^driftlab_a_total 3$/m);
    expect(text).toMatch(/^driftlab_b_total 3$/m);
  });

  it("answers a router's malformed and oversized bodies, and unknown routes, as JSON", async () => {
    const malformed = await request(app).post('/echo').set('content-type', 'application/json').send('{"a":');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error).toMatch(/^malformed JSON: /);
    const big = await request(app)
      .post('/echo')
      .send({ a: 'x'.repeat(2000) });
    expect(big.status).toBe(413);
    expect(big.body.error).toMatch(/larger than 1024 bytes/);
    await request(app).post('/echo').send({ a: 1 }).expect(200, { a: 1 });
    await request(app).get('/nothing').expect(404, { error: 'no such route; see /openapi.json' });
  });

  it('logs a 500 and tells the client nothing of its internals', async () => {
    const res = await request(app).get('/boom').expect(500);
    expect(res.body).toEqual({ error: 'internal error' });
    const logged = lines.map((l) => JSON.parse(l) as Record<string, string>).find((l) => l.path === '/boom');
    expect(logged).toMatchObject({ level: 'error', message: 'internal error', method: 'GET' });
    expect(logged!.error).toContain('secret detail');
  });

  it('listens on a free port and refuses a port in use with its system code', async () => {
    const first = await listen(app, 0, '127.0.0.1');
    try {
      expect((await fetch(`${first.url}/healthz`)).status).toBe(200);
      const port = Number(new URL(first.url).port);
      await expect(listen(app, port, '127.0.0.1')).rejects.toMatchObject({ code: 'EADDRINUSE' });
    } finally {
      await first.close();
    }
  });
});
