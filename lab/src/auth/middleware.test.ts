import express from 'express';
import request from 'supertest';
import { FAILED_AUTH_PER_MINUTE, tutorOnly } from './middleware';
import { Tokens } from './tokens';

const TUTOR = 'tutor-token-of-this-test';

function appWith(tokens: Tokens) {
  const app = express();
  app.get('/tutor', tutorOnly(tokens), (_req, res) => void res.json({ ok: true }));
  app.get('/other-tutor-route', tutorOnly(tokens), (_req, res) => void res.json({ ok: true }));
  return app;
}

describe('authentication failures', () => {
  it('are limited per address before the token is checked, across every route of the lab', async () => {
    const app = appWith(new Tokens(TUTOR, { 'team-1': 'team-token-of-this-test' }));
    const statuses: number[] = [];
    for (let i = 0; i < FAILED_AUTH_PER_MINUTE; i++)
      statuses.push(
        (
          await request(app)
            .get(i % 2 ? '/tutor' : '/other-tutor-route')
            .set('authorization', `Bearer guess-${i}`)
        ).status,
      );
    expect(statuses).toEqual(Array(FAILED_AUTH_PER_MINUTE).fill(401));
    // Beyond the limit even the right token waits: the check never runs for this address.
    const limited = await request(app).get('/tutor').set('authorization', `Bearer ${TUTOR}`).expect(429);
    expect(limited.body.error).toMatch(/missing or wrong token from this address/);
    expect(limited.headers['retry-after']).toBeDefined();
  });

  it('count only refusals: a tutor using the right token is never limited by it, and another lab keeps its own count', async () => {
    const tokens = new Tokens(TUTOR, {});
    const app = appWith(tokens);
    for (let i = 0; i < FAILED_AUTH_PER_MINUTE * 2; i++)
      await request(app).get('/tutor').set('authorization', `Bearer ${TUTOR}`).expect(200);
    // A valid token of the wrong role is a 403, not a failed authentication.
    const other = appWith(new Tokens('another-tutor-token-here', { 'team-1': 'team-token-of-this-test' }));
    for (let i = 0; i < FAILED_AUTH_PER_MINUTE * 2; i++)
      await request(other).get('/tutor').set('authorization', 'Bearer team-token-of-this-test').expect(403);
  });
});
