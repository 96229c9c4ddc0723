import express from 'express';
import request from 'supertest';
import { bodyCheck, bodyValidator, requestBodySchema, validBody } from './body-validation';
import { OPENAPI } from './openapi';

const versionAction = bodyCheck(requestBodySchema(OPENAPI, '/v1/models/{name}:rollback', 'post'));
const retrain = bodyCheck(requestBodySchema(OPENAPI, '/v1/models/{name}:retrain', 'POST'));

describe('bodyCheck against the OpenAPI request-body schemas', () => {
  it('lets valid bodies through', () => {
    expect(versionAction({ version: 2 })).toBeNull();
    expect(versionAction({ version: 2, reason: 'fresher data', extra: true })).toBeNull();
    expect(retrain({ last: 500, promote: true, reason: 'drift' })).toBeNull();
  });

  it('names the first bad field and what its schema expects', () => {
    expect(versionAction({})).toBe('field "version": expected a positive whole number, got nothing');
    expect(versionAction({ version: '1' })).toBe(
      'field "version": expected a positive whole number, got "1"',
    );
    expect(versionAction({ version: 1.5 })).toBe(
      'field "version": expected a positive whole number, got 1.5',
    );
    expect(versionAction({ version: 0 })).toBe('field "version": expected a positive whole number, got 0');
    expect(versionAction({ version: 1, reason: '  ' })).toBe(
      'field "reason": expected a non-blank string of at most 1000 characters, got "  "',
    );
    expect(versionAction({ version: 1, reason: 'x'.repeat(1001) })).toMatch(
      /^field "reason": expected a non-blank string of at most 1000 characters, got "x{79}…$/,
    );
    expect(retrain({ last: 5 })).toBe('field "last": expected a whole number from 10 to 200000, got 5');
    expect(retrain({ last: 100, promote: 'yes' })).toBe('field "promote": expected true or false, got "yes"');
  });

  it('refuses a body that is not a JSON object', () => {
    for (const body of [[1], 'text', 3, null])
      expect(versionAction(body)).toMatch(
        /^expected a JSON object body with Content-Type: application\/json, got /,
      );
  });

  it('compiles each schema once: the same operation gives the same schema object', () => {
    const a = requestBodySchema(OPENAPI, '/v1/models/{name}:promote', 'post');
    expect(requestBodySchema(OPENAPI, '/v1/models/{name}:promote', 'post')).toBe(a);
    expect(a).toMatchObject({ type: 'object', required: ['version'] });
  });

  it('throws for an operation without a JSON body, or a $ref it cannot follow', () => {
    expect(() => requestBodySchema(OPENAPI, '/healthz', 'get')).toThrow(
      /get \/healthz has no application\/json request body schema/,
    );
    const remote = {
      paths: {
        '/x': {
          post: { requestBody: { content: { 'application/json': { schema: { $ref: 'http://x/y' } } } } },
        },
      },
    };
    expect(() => requestBodySchema(remote, '/x', 'post')).toThrow(/only local \$refs/);
    const loop = {
      paths: {
        '/x': {
          post: {
            requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/A' } } } },
          },
        },
      },
      components: {
        schemas: { A: { type: 'object', properties: { a: { $ref: '#/components/schemas/A' } } } },
      },
    };
    expect(() => requestBodySchema(loop, '/x', 'post')).toThrow(/recursive \$ref/);
  });

  it('describes nested fields, enums, alternatives and lists by their path', () => {
    const check = bodyCheck({
      type: 'object',
      required: ['incidents'],
      properties: {
        incidents: {
          type: 'array',
          minItems: 1,
          maxItems: 3,
          items: {
            type: 'object',
            properties: {
              mode: { enum: ['hidden', 'announced'] },
              teams: { oneOf: [{ const: 'all' }, { type: 'array', minItems: 1, items: { type: 'string' } }] },
              since: { type: 'string', format: 'date-time' },
            },
            anyOf: [{ required: ['scenario'] }, { required: ['scenario_yaml'] }],
          },
        },
      },
    });
    expect(check({ incidents: [] })).toBe(
      'field "incidents": expected a non-empty list of at most 3 JSON objects, got []',
    );
    expect(check({ incidents: [{ scenario: 'a' }, { scenario: 'b', mode: 'loud' }] })).toBe(
      'field "incidents[1].mode": expected "hidden" or "announced", got "loud"',
    );
    expect(check({ incidents: [{ scenario: 'a', teams: 3 }] })).toBe(
      'field "incidents[0].teams": expected "all" or a non-empty list of strings, got 3',
    );
    expect(check({ incidents: [{ scenario: 'a', since: 'yesterday' }] })).toBe(
      'field "incidents[0].since": expected an ISO date-time such as 2026-11-27T10:30:00Z, got "yesterday"',
    );
    expect(check({ incidents: [{ scenario: 'a', since: '2026-11-27T10:30:00Z' }] })).toBeNull();
    expect(check({ incidents: [{ mode: 'hidden' }] })).toBe(
      'field "incidents[0]": expected the field "scenario" or "scenario_yaml", got {"mode":"hidden"}',
    );
  });

  it("tells a keyword it does not explain in ajv's words", () => {
    const check = bodyCheck({ type: 'object', properties: { n: { type: 'integer', multipleOf: 5 } } });
    expect(check({ n: 7 })).toBe('field "n": must be multiple of 5, got 7');
  });

  it('names fields the way the caller asks', () => {
    const check = bodyCheck(
      { type: 'object', properties: { mode: { enum: ['hidden', 'announced'] } } },
      {
        fieldLabel: (path) => path,
      },
    );
    expect(check({ mode: 'loud' })).toBe('mode: expected "hidden" or "announced", got "loud"');
  });

  it('refuses a schema with an unknown keyword (a typo) when it is compiled', () => {
    expect(() => bodyCheck({ type: 'object', properties: { a: { type: 'string', maxLenght: 3 } } })).toThrow(
      /maxLenght/,
    );
  });
});

describe('validBody and bodyValidator middleware', () => {
  const app = express();
  app.use(express.json());
  app.post('/plain', validBody({ type: 'object', properties: { n: { type: 'integer' } } }), (req, res) => {
    res.json({ body: req.body });
  });
  app.post('/v1/models/:target', bodyValidator(OPENAPI, '/v1/models/{name}:retrain', 'post'), (req, res) => {
    res.status(201).json(req.body);
  });

  it('passes a valid body on and answers 400 naming the field otherwise', async () => {
    await request(app).post('/v1/models/sea:retrain').send({ last: 20 }).expect(201, { last: 20 });
    await request(app)
      .post('/v1/models/sea:retrain')
      .send({ last: -1 })
      .expect(400, { error: 'field "last": expected a whole number from 10 to 200000, got -1' });
  });

  it('treats a request without a JSON body as {}', async () => {
    await request(app).post('/plain').expect(200, { body: {} });
    await request(app)
      .post('/v1/models/sea:retrain')
      .expect(400, { error: 'field "last": expected a whole number from 10 to 200000, got nothing' });
  });
});
