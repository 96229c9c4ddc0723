import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import request from 'supertest';
import { pageRoutes, PAGE_PATHS } from './pages';

/* The class pages as the host serves them: real files from a temporary build directory. */

let dir: string;
const OUTSIDE = `driftlab-outside-${process.pid}.txt`;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'driftlab-pages-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>pages</title>');
  writeFileSync(join(dir, 'app.js'), 'console.log(1)');
  // Beside the build directory: what a path climbing out of it would reach.
  writeFileSync(join(dir, '..', `${OUTSIDE}`), 'outside');
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(join(dir, '..', OUTSIDE), { force: true });
});

const app = (from: string) =>
  express()
    .use(pageRoutes(from))
    .use((_req, res) => void res.status(404).json({ error: 'no such route' }));

describe('the class pages on the host', () => {
  it.each(PAGE_PATHS)(
    'answer %s with the one index.html, uncached, under a same-origin-only CSP',
    async (path) => {
      const res = await request(app(dir)).get(path);
      expect([res.status, res.text]).toEqual([200, '<!doctype html><title>pages</title>']);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.headers['cache-control']).toBe('no-cache');
      const csp = String(res.headers['content-security-policy']);
      for (const directive of [
        "default-src 'none'",
        "script-src 'self'",
        "connect-src 'self'",
        "frame-ancestors 'none'",
      ])
        expect(csp).toContain(directive);
      expect(csp).not.toMatch(/unsafe|\*/);
      expect(res.headers['referrer-policy']).toBe('no-referrer');
    },
  );

  it('serve the bundle with the same headers, and nothing outside the build', async () => {
    const js = await request(app(dir)).get('/app.js');
    expect([js.status, js.headers['content-type'], js.headers['x-content-type-options']]).toEqual([
      200,
      expect.stringMatching(/javascript/),
      'nosniff',
    ]);
    expect(js.headers['content-security-policy']).toBeDefined();
    for (const path of [`/../${OUTSIDE}`, `/%2e%2e/${OUTSIDE}`, '/.hidden', '/nope.js']) {
      const res = await request(app(dir)).get(path);
      expect([path, res.status]).toEqual([path, 404]);
      expect(res.text).not.toContain('outside');
    }
  });

  it('say how to build them when they are not built, instead of a blank page', async () => {
    const res = await request(app(join(dir, 'missing'))).get('/');
    expect(res.status).toBe(503);
    expect(res.text).toContain('npm run build');
  });

  it('leave the API alone: POST / and unknown paths reach the host’s JSON 404', async () => {
    expect((await request(app(dir)).post('/').send({})).status).toBe(404);
    expect((await request(app(dir)).get('/v1/nothing')).body).toEqual({ error: 'no such route' });
  });
});
