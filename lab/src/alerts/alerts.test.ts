import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { createHost, openapiFor } from '../host';
import { labRoutes, type LabControl } from '../http';
import { FAILED_AUTH_PER_MINUTE, Tokens } from '../auth';
import { WEBHOOK_PER_MINUTE } from '../http/lab-routes';
import { LabRecord } from '../record';
import { AlertTracker } from './alert-tracker';
import { parseAlertmanagerPayload } from './alertmanager-payload';
import { LabMetrics } from './lab-metrics';

const ZERO_TIME = '0001-01-01T00:00:00Z';
const WEBHOOK = 'webhook-secret-of-this-test';

function alert(status: 'firing' | 'resolved', overrides: Record<string, unknown> = {}) {
  return {
    status,
    labels: { alertname: 'FeatureDriftHigh', model: 'credit', feature: 'annual_income', severity: 'ticket' },
    annotations: { summary: 'Drift in credit / annual_income' },
    startsAt: '2026-11-27T08:00:00Z',
    endsAt: status === 'firing' ? ZERO_TIME : '2026-11-27T08:05:30Z',
    fingerprint: 'abc123',
    ...overrides,
  };
}

const payload = (...alerts: unknown[]) => ({
  version: '4',
  status: 'firing',
  receiver: 'driftlab-lab',
  alerts,
});

describe('Alertmanager webhook payloads', () => {
  it('reads alerts, the zero end time as "not ended"', () => {
    const [a] = parseAlertmanagerPayload(payload(alert('firing')));
    expect(a.status).toBe('firing');
    expect(a.labels.feature).toBe('annual_income');
    expect(a.startsAt).toBe(Date.parse('2026-11-27T08:00:00Z'));
    expect(a.endsAt).toBeNaN();
  });

  it.each([
    [null, '(body): expected an Alertmanager webhook payload (JSON object), got null'],
    [{ version: '3', alerts: [] }, 'version: expected "4" (Alertmanager webhook version), got "3"'],
    [{ version: '4' }, 'alerts: expected a list of at most 200 alerts, got nothing'],
    [
      { version: '4', alerts: Array(201).fill(alert('firing')) },
      'alerts: expected a list of at most 200 alerts, got a list of 201',
    ],
    [
      payload(alert('firing', { status: 'burning' })),
      'alerts[0].status: expected "firing" or "resolved", got "burning"',
    ],
    [
      payload(alert('firing', { labels: { model: 'credit' } })),
      'alerts[0].labels.alertname: expected a non-empty string',
    ],
    [
      payload(alert('firing', { labels: { alertname: 'X', n: 1 } })),
      'alerts[0].labels.n: expected a string of at most 2048 characters, got 1',
    ],
    [
      payload(alert('firing', { annotations: { summary: 's'.repeat(500_000) } })),
      `alerts[0].annotations.summary: expected a string of at most 2048 characters, got "${'s'.repeat(59)}… (500002 characters)`,
    ],
    [
      payload(
        alert('firing', { labels: Object.fromEntries([...Array(65).keys()].map((i) => [`l${i}`, 'x'])) }),
      ),
      'alerts[0].labels: expected a mapping of at most 64 names to strings of at most 2048 characters, got "65 entries"',
    ],
    [
      payload(alert('resolved', { startsAt: '9999-12-31T23:59:59Z' })),
      'alerts[0].startsAt: expected an RFC 3339 time between the years 2000 and 2200, got "9999-12-31T23:59:59Z"',
    ],
    [
      payload(alert('resolved', { endsAt: '2026-11-27T07:00:00Z' })),
      'alerts[0].endsAt: expected a time no earlier than startsAt, got "2026-11-27T07:00:00Z"',
    ],
    [
      payload(alert('firing', { startsAt: 'yesterday' })),
      'alerts[0].startsAt: expected an RFC 3339 time between the years 2000 and 2200, got "yesterday"',
    ],
  ])('names the field and what was expected (case %#)', (body, message) => {
    expect(() => parseAlertmanagerPayload(body)).toThrow(message);
  });
});

describe('the alert tracker and the lab webhook', () => {
  let dir: string;
  let record: LabRecord;
  let metrics: LabMetrics;
  let app: ReturnType<typeof createHost>;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'driftlab-alerts-'));
    record = new LabRecord(join(dir, 'record.sqlite'));
    metrics = new LabMetrics(new Set(['FeatureDriftHigh']), new Set(['credit']));
    const tokens = new Tokens('tutor-token-of-this-test', { 'team-1': 'team-token-of-this-test' }, WEBHOOK);
    const lab: LabControl = { record, metrics, tokens, alerts: new AlertTracker(record, metrics) };
    app = createHost({
      routers: [labRoutes(lab)],
      registries: [metrics.registry],
      openapi: openapiFor({ serving: false, exporter: false, lab: true }),
    });
  });
  afterEach(() => {
    record.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('records one event per transition, not per repeated notification, and the time to recovery', async () => {
    const post = (...alerts: unknown[]) =>
      request(app)
        .post('/v1/alerts')
        .set('authorization', `Bearer ${WEBHOOK}`)
        .send(payload(...alerts))
        .expect(200);
    expect((await post(alert('firing'))).body).toEqual({ received: 1, recorded: 1 });
    expect((await post(alert('firing'))).body).toEqual({ received: 1, recorded: 0 });
    expect((await post(alert('resolved'))).body).toEqual({ received: 1, recorded: 1 });
    expect((await post(alert('resolved'))).body).toEqual({ received: 1, recorded: 0 });
    // The same alert firing again later is a new incident.
    expect((await post(alert('firing', { startsAt: '2026-11-27T09:00:00Z' }))).body.recorded).toBe(1);

    const { events } = (await request(app).get('/v1/alerts').expect(200)).body as {
      events: { action: string; model: string; params: { durationSeconds?: number; summary: string } }[];
    };
    expect(events.map((e) => e.action)).toEqual(['alert.firing', 'alert.resolved', 'alert.firing']);
    expect(events[1].params.durationSeconds).toBe(330);
    expect(events[0].params.summary).toBe('Drift in credit / annual_income');

    const text = (await request(app).get('/metrics').expect(200)).text;
    expect(text).toContain('driftlab_alerts_received_total{alertname="FeatureDriftHigh",status="firing"} 2');
    expect(text).toContain(
      'driftlab_alerts_received_total{alertname="FeatureDriftHigh",status="resolved"} 1',
    );
    expect(text).toContain(
      'driftlab_alert_time_to_recovery_seconds{alertname="FeatureDriftHigh",model="credit"} 330',
    );
  });

  it('bounds metric labels to the alerts and models it knows', async () => {
    await request(app)
      .post('/v1/alerts')
      .set('authorization', `Bearer ${WEBHOOK}`)
      .send(payload(alert('resolved', { labels: { alertname: 'Made up', model: 'x'.repeat(300) } })))
      .expect(200);
    const text = (await request(app).get('/metrics').expect(200)).text;
    expect(text).toContain(
      'driftlab_alert_time_to_recovery_seconds{alertname="(other)",model="(other)"} 330',
    );
    expect(text).not.toContain('Made up');
  });

  it('answers a bad body with 400 naming the problem, and records nothing', async () => {
    const bad = await request(app)
      .post('/v1/alerts')
      .set('authorization', `Bearer ${WEBHOOK}`)
      .send({ version: '4', alerts: 'none' })
      .expect(400);
    expect(bad.body.error).toBe('alerts: expected a list of at most 200 alerts, got "none"');
    const malformed = await request(app)
      .post('/v1/alerts')
      .set('authorization', `Bearer ${WEBHOOK}`)
      .set('content-type', 'application/json')
      .send('{"version":')
      .expect(400);
    expect(malformed.body.error).toMatch(/^malformed JSON/);
    expect(record.events()).toEqual([]);
  });

  it('refuses alerts without the webhook secret: a forged firing and resolved pair records nothing and sets no time to recovery', async () => {
    const forged = payload(alert('firing'), alert('resolved', { endsAt: '2026-11-27T08:00:01.900Z' }));
    for (const authorization of [
      undefined,
      'Bearer tutor-token-of-this-test',
      'Bearer team-token-of-this-test',
      'Bearer wrong',
    ]) {
      const req = request(app).post('/v1/alerts');
      if (authorization) req.set('authorization', authorization);
      const res = await req.send(forged).expect(401);
      expect(res.body.error).toMatch(/webhook secret/);
    }
    expect(record.events()).toEqual([]);
    const text = (await request(app).get('/metrics').expect(200)).text;
    expect(text).not.toMatch(/^driftlab_alert_time_to_recovery_seconds\{/m);
  });

  it('limits wrong secrets per address before checking them, and notifications per minute', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < FAILED_AUTH_PER_MINUTE + 5; i++)
      statuses.push(
        (await request(app).post('/v1/alerts').set('authorization', 'Bearer wrong').send(payload())).status,
      );
    expect(statuses.slice(0, FAILED_AUTH_PER_MINUTE)).toEqual(Array(FAILED_AUTH_PER_MINUTE).fill(401));
    expect(statuses.slice(FAILED_AUTH_PER_MINUTE)).toEqual(Array(5).fill(429));
  });

  it('answers at most the per-minute notifications, then 429', async () => {
    let last = 0;
    for (let i = 0; i <= WEBHOOK_PER_MINUTE; i++)
      last = (await request(app).post('/v1/alerts').set('authorization', `Bearer ${WEBHOOK}`).send(payload()))
        .status;
    expect(last).toBe(429);
  });

  it('answers labels nested 10,000 levels deep with a 400 before parsing them (no 500 from building the message)', async () => {
    const deep = `{"version":"4","alerts":[{"status":"firing","labels":${'{"a":'.repeat(10_000)}"x"${'}'.repeat(10_000)}}]}`;
    const res = await request(app)
      .post('/v1/alerts')
      .set('authorization', `Bearer ${WEBHOOK}`)
      .set('content-type', 'application/json')
      .send(deep)
      .expect(400);
    expect(res.body.error).toMatch(/nested deeper than 16 levels/);
    expect(record.events()).toEqual([]);
  });
});
