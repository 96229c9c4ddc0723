import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { run } from '../testing';

// No lab runs here: a server answering POST /v1/diagnoses as the lab does (lab/src/diagnosis/diagnoses.ts).
const SCORED = {
  id: 3,
  submittedAt: '2026-11-27T10:20:00.000Z',
  model: 'credit',
  kind: 'covariate',
  features: ['annual_income'],
  since: '2026-11-27T10:15:00.000Z',
  score: {
    total: 90,
    model: true,
    kind: true,
    featurePrecision: 1,
    featureRecall: 1,
    onsetErrorSeconds: 30,
    timeToDetectSeconds: 300,
  },
};

describe('driftlab diagnose', () => {
  let server: Server;
  let answer: object;
  let received: unknown;
  const env = { ...process.env };

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        received = JSON.parse(body);
        res.writeHead(req.method === 'POST' && req.url === '/v1/diagnoses' ? 201 : 404, {
          'content-type': 'application/json',
        });
        res.end(JSON.stringify(answer));
      });
    }).listen(0, '127.0.0.1');
    await once(server, 'listening');
    process.env.DRIFTLAB_URL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    process.env.DRIFTLAB_TOKEN = 'team-token';
  });
  afterAll(() => {
    server.close();
    process.env = env;
  });

  const submit = (...extra: string[]) =>
    run(
      'diagnose',
      '--model',
      'credit',
      '--kind',
      'covariate',
      '--since',
      '2026-11-27T10:15:00Z',
      '--features',
      'annual_income',
      ...extra,
    );

  it("--json prints the lab's answer as one JSON document", async () => {
    answer = SCORED;
    const scored = await submit('--json');
    expect([scored.code, scored.stderr]).toEqual([0, '']);
    expect(JSON.parse(scored.stdout)).toEqual(SCORED);
    expect(received).toEqual({
      model: 'credit',
      kind: 'covariate',
      features: ['annual_income'],
      since: '2026-11-27T10:15:00.000Z',
    });
    const { score: _score, ...unscored } = SCORED;
    answer = { ...unscored, pending: 'your score appears when the tutor reveals the incident' };
    const pending = await submit('--json');
    expect(JSON.parse(pending.stdout)).toEqual(answer);
  });

  it('prints text without --json, and documents the JSON fields in its help', async () => {
    answer = SCORED;
    expect((await submit()).stdout).toMatch(/^diagnosis 3 scored 90\/100\n/);
    const help = (await run('diagnose', '--help')).stdout;
    for (const field of ['id', 'score', 'total', 'pending']) expect(help).toContain(field);
  });
});
