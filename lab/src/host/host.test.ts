import { Writable } from 'node:stream';
import express from 'express';
import { Counter, Registry, type OpenMetricsContentType } from 'prom-client';
import request from 'supertest';
import winston from 'winston';
import { gzipSync } from 'node:zlib';
import { jsonBodyOptions, MAX_JSON_DEPTH } from '@driftlab/contracts';
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
  router.post('/echo', express.json(jsonBodyOptions('1kb')), (req, res) => void res.json(req.body));
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

  it('refuses JSON nested deeper than the policy allows before parsing it, as JSON', async () => {
    const deep = (n: number) => `{"a":${'['.repeat(n - 1)}${']'.repeat(n - 1)}}`;
    await request(app)
      .post('/echo')
      .set('content-type', 'application/json')
      .send(deep(MAX_JSON_DEPTH))
      .expect(200);
    const res = await request(app)
      .post('/echo')
      .set('content-type', 'application/json')
      .send(deep(MAX_JSON_DEPTH + 1))
      .expect(400);
    expect(res.body.error).toMatch(new RegExp(`nested deeper than ${MAX_JSON_DEPTH} levels`));
    // Brackets inside strings are text, not nesting.
    const quoted = JSON.stringify({ a: '['.repeat(500) });
    await request(app).post('/echo').set('content-type', 'application/json').send(quoted).expect(200);
  });

  it('answers charset, content-encoding and decompression errors as JSON, never an HTML page', async () => {
    const server = await listen(app, 0, '127.0.0.1');
    const post = (headers: Record<string, string>, body: Buffer | string) =>
      fetch(`${server.url}/echo`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body,
      });
    try {
      const cases: [Record<string, string>, Buffer | string, number, RegExp][] = [
        [{ 'content-type': 'application/json; charset=latin9' }, '{}', 415, /unsupported charset "latin9"/],
        [{ 'content-encoding': 'zip' }, '{}', 415, /Content-Encoding "zip"/],
        [{ 'content-encoding': 'gzip' }, 'not gzip', 400, /does not decompress/],
        // A body that inflates beyond the limit is refused like any other oversized body.
        [
          { 'content-encoding': 'gzip' },
          gzipSync(JSON.stringify({ a: 'x'.repeat(1e6) })),
          413,
          /larger than/,
        ],
      ];
      for (const [headers, body, status, message] of cases) {
        const res = await post(headers, body);
        const text = await res.text();
        expect([res.status, res.headers.get('content-type')]).toEqual([
          status,
          expect.stringMatching(/^application\/json/),
        ]);
        expect((JSON.parse(text) as { error: string }).error).toMatch(message);
        expect(text).not.toMatch(/node_modules|<html|at [A-Za-z]+ \(/);
      }
      const ok = await post({ 'content-encoding': 'gzip' }, gzipSync('{"a":1}'));
      expect(await ok.json()).toEqual({ a: 1 });
    } finally {
      await server.close();
    }
  });

  it('logs a 500 with a request id and its stack, and tells the client only the id', async () => {
    const res = await request(app).get('/boom').expect(500);
    expect(res.body).toEqual({
      error: 'internal error',
      request_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    const logged = lines.map((l) => JSON.parse(l) as Record<string, string>).find((l) => l.path === '/boom');
    expect(logged).toMatchObject({
      level: 'error',
      message: 'internal error',
      method: 'GET',
      request_id: res.body.request_id,
    });
    expect(logged!.error).toContain('secret detail');
    expect(logged!.stack).toMatch(/host\.test\.ts/);
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
