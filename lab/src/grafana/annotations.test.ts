import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LabRecord } from '../record';
import { ACTION_TAG, GrafanaAnnotator, INCIDENT_TAG, SCORE_TAG, TUTOR_DASHBOARD_UID } from './annotations';
import { GrafanaApi } from './grafana-api';

// No Grafana server runs here: a small HTTP server answering POST /api/annotations as Grafana
// documents it (https://grafana.com/docs/grafana/latest/developers/http_api/annotations/) records
// what the lab sends.

interface Received {
  authorization?: string;
  body: { time: number; tags: string[]; text: string; dashboardUID?: string };
}

let server: Server;
let url: string;
let received: Received[];
let failNext = 0;

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c));
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/api/annotations') return void res.writeHead(404).end('{}');
      if (failNext > 0) {
        failNext--;
        return void res.writeHead(500, { 'content-type': 'application/json' }).end('{"message":"db locked"}');
      }
      received.push({ authorization: req.headers.authorization, body: JSON.parse(body) });
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: received.length }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('the record as Grafana annotations', () => {
  let dir: string;
  let record: LabRecord;
  beforeEach(() => {
    received = [];
    dir = mkdtempSync(join(tmpdir(), 'driftlab-annotations-'));
    record = new LabRecord(join(dir, 'record.sqlite'));
  });
  afterEach(() => {
    record.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const annotateRecord = () => {
    const annotator = new GrafanaAnnotator(new GrafanaApi({ url, user: 'admin', password: 'pw' }));
    record.onAppend((e) => annotator.add(e));
    return annotator;
  };

  it('puts incidents on the Tutor dashboard only, and actions everywhere without giving anything away', async () => {
    const annotator = annotateRecord();
    record.append({
      actor: 'tutor',
      action: 'incident.start',
      model: 'credit',
      params: { incident: 'inc-1', scenario: 'credit-income-drop', mode: 'hidden', teams: ['team-1'] },
      outcome: 'done',
    });
    record.append({
      actor: 'team:team-1',
      action: 'diagnosis.submit',
      model: 'credit',
      params: { kind: 'covariate', features: ['annual_income'], incident: 'inc-1', score: { total: 100 } },
      outcome: 'scored 100',
    });
    record.append({
      actor: 'team:team-1',
      action: 'recovery.rollback',
      model: 'credit',
      params: { version: 1 },
      outcome: 'done',
    });
    record.append({
      actor: 'team:team-1',
      action: 'recovery.promote',
      model: 'credit',
      params: { version: 9 },
      outcome: 'refused (409)',
    });
    record.append({
      actor: 'tutor',
      action: 'recovery.rollback',
      model: 'credit',
      params: { version: 2, team: 'team-2' },
      outcome: 'done',
    });
    record.append({
      actor: 'alertmanager',
      action: 'alert.firing',
      model: 'credit',
      params: {},
      outcome: 'firing',
    });
    await annotator.flush();

    expect(received.map((r) => r.authorization)).toEqual(
      Array(5).fill(`Basic ${Buffer.from('admin:pw').toString('base64')}`),
    );
    const [incident, diagnosis, score, rollback, tutorRollback] = received.map((r) => r.body);
    expect(score).toEqual({
      time: expect.any(Number),
      tags: [SCORE_TAG],
      text: 'team-1 scored 100 on inc-1',
      dashboardUID: TUTOR_DASHBOARD_UID,
    });
    expect(incident).toMatchObject({ dashboardUID: TUTOR_DASHBOARD_UID, tags: [INCIDENT_TAG, 'start'] });
    expect(incident.text).toBe('inc-1 start — scenario credit-income-drop, hidden, teams team-1');
    expect(diagnosis).toEqual({
      time: expect.any(Number),
      tags: [ACTION_TAG, 'diagnosis', 'team:team-1'],
      text: 'team-1 submitted a diagnosis',
    });
    expect(rollback).toEqual({
      time: expect.any(Number),
      tags: [ACTION_TAG, 'rollback', 'credit', 'team:team-1'],
      text: 'team-1: rollback credit to v1',
    });
    // A tutor's action on a cohort team's models is tagged with that team (its dashboards show it).
    expect(tutorRollback).toEqual({
      time: expect.any(Number),
      tags: [ACTION_TAG, 'rollback', 'credit', 'team:team-2'],
      text: 'tutor: rollback credit to v2',
    });
    // What every dashboard shows names no scenario, feature, kind or score.
    // Their text and tags (the time, a number, may contain any digits).
    for (const body of [diagnosis, rollback])
      for (const secret of [/credit-income-drop/, /annual_income/, /covariate/, /\b100\b/, /inc-1/])
        expect(`${body.text} ${body.tags.join(' ')}`).not.toMatch(secret);
  });

  it('tells students the title and brief of an announced incident, nothing more', async () => {
    const annotator = annotateRecord();
    record.append({
      actor: 'tutor',
      action: 'incident.start',
      model: 'credit',
      params: {
        incident: 'inc-2',
        scenario: 'credit-income-drop',
        mode: 'announced',
        teams: ['team-1'],
        title: 'Incomes fall',
        brief: 'Check the credit model.',
      },
      outcome: 'done',
    });
    await annotator.flush();
    const everywhere = received.map((r) => r.body).filter((b) => b.dashboardUID === undefined);
    expect(everywhere).toEqual([
      {
        time: expect.any(Number),
        tags: [ACTION_TAG, 'incident', 'team:team-1'],
        text: 'Incident announced: Incomes fall. Check the credit model.',
      },
    ]);
  });

  it('goes on when Grafana fails, and never throws into the lab', async () => {
    const warnings: string[] = [];
    const log = { warn: (m: string) => warnings.push(m) } as never;
    const annotator = new GrafanaAnnotator(new GrafanaApi({ url, user: 'admin', password: 'pw' }), log);
    failNext = 1;
    annotator.add({
      id: 1,
      at: new Date().toISOString(),
      actor: 'tutor',
      action: 'lab.reset',
      model: null,
      params: {},
      outcome: 'done',
    });
    annotator.add({
      id: 2,
      at: new Date().toISOString(),
      actor: 'tutor',
      action: 'lab.reset',
      model: null,
      params: {},
      outcome: 'done',
    });
    await annotator.flush();
    expect(warnings).toEqual(['grafana annotation not sent']);
    expect(received.map((r) => r.body.text)).toEqual(['the lab was reset']);
  });
});
