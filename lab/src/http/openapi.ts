/*
 * The lab's control API in OpenAPI 3.1: alerts, incidents, playbooks, the record, diagnoses,
 * scoreboard, teams, reset. Merged into serving's document in one process (/openapi.json); alone
 * (`start --only simulator`) the lab serves it by itself. A test checks every route is in it.
 */

const error = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});
const ok = (description: string) => ({
  description,
  content: { 'application/json': { schema: { type: 'object' } } },
});
const bodyOf = (schema: object) => ({ required: true, content: { 'application/json': { schema } } });
const ID = { name: 'id', in: 'path', required: true, schema: { type: 'string' } } as const;
const TUTOR = [{ bearer: [] }];
const DENIED = {
  '401': error('No token, or an unknown one'),
  '403': error('A token of the wrong role'),
  '429': error('Too many requests: see Retry-After'),
};

const START = {
  type: 'object',
  properties: {
    scenario: { type: 'string', description: 'A built-in scenario id (driftlab scenario list)' },
    scenario_yaml: { type: 'string', description: "A scenario file's text, instead of an id" },
    mode: { enum: ['hidden', 'announced'], default: 'hidden' },
    at: { type: 'string', description: 'Simulated time from now until it starts, e.g. "30m"' },
    teams: { oneOf: [{ const: 'all' }, { type: 'array', items: { type: 'string' } }] },
    feedback: { type: 'boolean', description: 'Teams see their diagnosis scores at once', default: false },
  },
};

export const LAB_OPENAPI_PATHS = {
  '/v1/alerts': {
    post: {
      summary: "Alertmanager's webhook: alerts become lab events",
      requestBody: bodyOf({ type: 'object', description: 'Alertmanager webhook payload, version 4' }),
      responses: { '200': ok('Alerts received and recorded'), '400': error('Not a webhook payload') },
    },
    get: { summary: 'Alert events the lab recorded', responses: { '200': ok('Alert events, oldest first') } },
  },
  '/v1/incidents': {
    get: {
      summary: 'Incidents: all with answer keys (tutor), announced ones with title and brief (team)',
      security: TUTOR,
      responses: { '200': ok('Incidents'), ...DENIED },
    },
    post: {
      summary: 'Start an incident (tutor)',
      security: TUTOR,
      requestBody: bodyOf(START),
      responses: {
        '201': ok('Started, with its answer key'),
        '400': error('A bad field, named'),
        '404': error('No such team'),
        '409': error('The lab does not run the scenario’s world'),
        ...DENIED,
      },
    },
  },
  '/v1/incidents/{id}': {
    get: {
      summary: 'One incident with its answer key (tutor)',
      security: TUTOR,
      parameters: [ID],
      responses: { '200': ok('The incident'), '404': error('No such incident'), ...DENIED },
    },
  },
  '/v1/incidents/{id}/{action}': {
    post: {
      summary: 'Pause, resume, abort (faults removed at once) or reveal an incident (tutor)',
      security: TUTOR,
      parameters: [
        ID,
        {
          name: 'action',
          in: 'path',
          required: true,
          schema: { enum: ['pause', 'resume', 'abort', 'reveal'] },
        },
      ],
      responses: {
        '200': ok('The incident after the action'),
        '404': error('No such incident or action'),
        '409': error('Not possible in its state'),
        ...DENIED,
      },
    },
  },
  '/v1/playbooks': {
    post: {
      summary: 'Start several incidents for a session (tutor); a bad entry starts none',
      security: TUTOR,
      requestBody: bodyOf({ type: 'object', properties: { incidents: { type: 'array', items: START } } }),
      responses: {
        '201': ok('The incidents started'),
        '400': error('A bad entry, named'),
        '409': error('A scenario’s world is not running'),
        ...DENIED,
      },
    },
  },
  '/v1/record': {
    get: {
      summary: "The lab's record: injections, pauses, aborts, diagnoses, recoveries, alerts (tutor)",
      security: TUTOR,
      parameters: [
        {
          name: 'prefix',
          in: 'query',
          schema: { type: 'string' },
          description: 'Only actions starting with it',
        },
        { name: 'limit', in: 'query', schema: { type: 'integer' } },
      ],
      responses: { '200': ok('Events, oldest first'), ...DENIED },
    },
  },
  '/v1/lab/reset': {
    post: {
      summary: 'Abort every incident and put the original model versions back (tutor)',
      security: TUTOR,
      responses: { '200': ok('What was reset'), ...DENIED },
    },
  },
  '/v1/diagnoses': {
    post: {
      summary: "Submit a diagnosis (team); scored against the team's incidents",
      security: TUTOR,
      requestBody: bodyOf({
        type: 'object',
        required: ['model', 'features', 'kind', 'since'],
        properties: {
          model: { type: 'string' },
          features: { type: 'array', items: { type: 'string' } },
          kind: { enum: ['covariate', 'concept', 'prior', 'quality', 'serving', 'abuse'] },
          since: { type: 'string', format: 'date-time' },
          note: { type: 'string' },
        },
      }),
      responses: {
        '201': ok('Received; the score when the tutor allows it'),
        '400': error('A bad field, named'),
        ...DENIED,
      },
    },
    get: {
      summary: "The team's diagnoses (scores when allowed); every team's for tutors",
      security: TUTOR,
      responses: { '200': ok('Diagnoses'), ...DENIED },
    },
  },
  '/v1/scoreboard': {
    get: {
      summary: 'Best and last score per team and incident (tutor)',
      security: TUTOR,
      responses: { '200': ok('Scoreboard'), ...DENIED },
    },
  },
  '/v1/teams': {
    get: {
      summary: 'The teams and their tokens (tutor)',
      security: TUTOR,
      responses: { '200': ok('Teams'), ...DENIED },
    },
  },
} as const;

export const LAB_SECURITY_SCHEMES = { bearer: { type: 'http', scheme: 'bearer' } } as const;

/** `base` (serving's document, or a bare one) with the lab's paths added. */
export function withLabPaths<T extends { paths: object; components?: object }>(base: T): T {
  const components = (base.components ?? {}) as Record<string, object>;
  return {
    ...base,
    paths: { ...base.paths, ...LAB_OPENAPI_PATHS },
    components: {
      ...components,
      securitySchemes: { ...(components.securitySchemes ?? {}), ...LAB_SECURITY_SCHEMES },
      schemas: {
        Error: { type: 'object', required: ['error'], properties: { error: { type: 'string' } } },
        ...(components.schemas ?? {}),
      },
    },
  };
}
