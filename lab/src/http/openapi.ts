/*
 * The lab's control API in OpenAPI 3.1: alerts, incidents, playbooks, the record, diagnoses,
 * scoreboard, teams, reset. Merged into serving's document in one process (/openapi.json); alone
 * (`start --only simulator`) the lab serves it by itself. A test checks every route is in it.
 */
import { DIAGNOSIS_KINDS } from '@driftlab/simulator';
import { DIAGNOSIS_LIMITS } from '../diagnosis/limits';
import { INCIDENT_ACTIONS, INCIDENT_MODES, INCIDENT_STATES } from '../incidents';
import { CLASS_PATHS } from './openapi-class';
import {
  answer,
  BEARER,
  bodyOf,
  DENIED,
  error,
  ID,
  listOf,
  ok,
  STRING,
  STRINGS,
  TIME,
} from './openapi-parts';

/** An operation that needs a token and answers 200 with `answer`. */
const withToken = (summary: string, answer: string) => ({
  summary,
  security: BEARER,
  responses: { '200': ok(answer), ...DENIED },
});

/*
 * The request bodies: the routes validate against these very schemas (body-validation.ts), so the
 * document and the checks cannot drift. What a schema cannot say (a scenario id that exists, a
 * time still to come, a model the lab serves) the routes and the domain check after.
 *
 * No field takes null: a field is given as the schema says or left out. A `default` here only
 * documents what leaving it out means (nothing fills it in: the routes treat absent, never null).
 */

/** `at`: a duration of simulated time from now, or a wall-clock ISO time. */
const AT_PATTERN = `^(?:(?:\\d+(?:\\.\\d+)?(?:ms|s|m|h|d|w))+|\\d{4}-\\d\\d-\\d\\dT.+)$`;

/** POST /v1/incidents, and each entry of POST /v1/playbooks. */
export const START_REQUEST = {
  type: 'object',
  properties: {
    scenario: {
      type: 'string',
      pattern: '^[a-z0-9-]+$',
      description: 'A built-in scenario id (driftlab scenario list)',
    },
    scenario_yaml: { type: 'string', description: "A scenario file's text, instead of an id" },
    mode: { type: 'string', enum: INCIDENT_MODES, default: 'hidden' },
    at: {
      type: 'string',
      pattern: AT_PATTERN,
      description:
        'When it starts: simulated time from now, e.g. "30m", or a wall-clock ISO time to come, e.g. 2026-11-27T10:30:00Z',
    },
    teams: {
      oneOf: [{ const: 'all' }, { type: 'array', minItems: 1, items: { type: 'string' } }],
      default: 'all',
    },
    feedback: { type: 'boolean', description: 'Teams see their diagnosis scores at once', default: false },
  },
  anyOf: [{ required: ['scenario'] }, { required: ['scenario_yaml'] }],
} as const;

export const PLAYBOOK_REQUEST = {
  type: 'object',
  required: ['incidents'],
  properties: { incidents: { type: 'array', minItems: 1, maxItems: 100, items: START_REQUEST } },
} as const;

const L = DIAGNOSIS_LIMITS;

/** POST /v1/diagnoses; the bounds are DIAGNOSIS_LIMITS (diagnosis/limits.ts). */
export const DIAGNOSIS_REQUEST = {
  type: 'object',
  required: ['model', 'features', 'kind', 'since'],
  properties: {
    model: {
      type: 'string',
      minLength: 1,
      maxLength: L.modelLength,
      description:
        'One of the models the lab serves (its worlds, e.g. credit); another is refused, naming them',
    },
    features: {
      type: 'array',
      maxItems: L.features,
      items: { type: 'string', minLength: 1, maxLength: L.featureLength },
      description:
        "The affected features, each one of the model's (GET /v1/catalogue); none for a whole-model problem",
    },
    kind: { enum: DIAGNOSIS_KINDS },
    since: {
      type: 'string',
      format: 'date-time',
      maxLength: L.sinceLength,
      description: `When it started (wall clock), from ${new Date(L.earliestSince).toISOString()} to ${L.sinceSlackMs / 60_000} minutes after the lab's now`,
    },
    note: { type: 'string', maxLength: L.noteLength },
  },
} as const;

/*
 * The answers teams read (and the tutor's beside them where one route answers both), so a client
 * knows what it gets and the tests can check what the routes send against the document.
 */
const NUMBER_OR_NULL = { type: ['number', 'null'] } as const;

/** GET /v1/incidents with a team token: one announced to it, or revealed (views.ts). */
export const STUDENT_INCIDENT = {
  type: 'object',
  required: ['id', 'title', 'brief', 'state'],
  additionalProperties: false,
  properties: {
    id: STRING,
    title: STRING,
    brief: STRING,
    state: { enum: INCIDENT_STATES },
    revealed: { const: true, description: 'Present once the tutor revealed it, with what it was' },
    scenario: { ...STRING, description: 'The scenario id, once revealed' },
    answer: {
      type: 'object',
      description: "The answer key's kind, model, features and what, once revealed",
      required: ['kind', 'model', 'features', 'what'],
      additionalProperties: false,
      properties: { kind: { enum: DIAGNOSIS_KINDS }, model: STRING, features: STRINGS, what: STRING },
    },
    onset: { ...TIME, description: "When it began in the team's lab (wall clock), once revealed" },
  },
} as const;

/** The tutor's view of an incident (with its whole answer key). */
const TUTOR_INCIDENT = {
  type: 'object',
  required: ['id', 'scenario', 'title', 'mode', 'teams', 'state', 'startsAt', 'answer'],
  properties: {
    id: STRING,
    scenario: STRING,
    title: STRING,
    mode: { enum: INCIDENT_MODES },
    teams: STRINGS,
    state: { enum: INCIDENT_STATES },
    startsAt: { ...TIME, description: "When it starts, on the lab's (simulated) clock" },
    createdAt: { ...TIME, description: 'When the tutor started it (wall clock)' },
    onset: { type: 'object', additionalProperties: TIME },
    onsetSimulated: { type: 'object', additionalProperties: TIME },
    feedback: { type: 'boolean' },
    revealed: { type: 'boolean' },
    answer: { type: 'object' },
  },
} as const;

/** One row of GET /v1/scoreboard (diagnosis/scoreboard.ts): every field always there. */
const ROW_FIELDS = {
  incident: STRING,
  scenario: { type: ['string', 'null'], description: 'null for a team until the incident is revealed' },
  title: STRING,
  team: STRING,
  best: NUMBER_OR_NULL,
  last: NUMBER_OR_NULL,
  submissions: { type: 'integer', minimum: 0 },
  timeToDetectSeconds: NUMBER_OR_NULL,
  timeToRecoverSeconds: NUMBER_OR_NULL,
} as const;
export const SCOREBOARD_ROW = {
  type: 'object',
  required: Object.keys(ROW_FIELDS),
  additionalProperties: false,
  properties: ROW_FIELDS,
} as const;

/** What a team is told of one of its diagnoses (POST and GET /v1/diagnoses). */
export const DIAGNOSIS_FEEDBACK = {
  type: 'object',
  required: ['id', 'submittedAt', 'model', 'kind', 'features', 'since'],
  additionalProperties: false,
  properties: {
    id: { type: 'integer' },
    submittedAt: TIME,
    model: STRING,
    kind: { enum: DIAGNOSIS_KINDS },
    features: STRINGS,
    since: TIME,
    score: { type: 'object', description: 'Once the tutor allows it (feedback on, or revealed)' },
    pending: {
      ...STRING,
      description:
        'Why there is no score: until the tutor reveals the incident, or no incident concerned the team (recorded, unscored)',
    },
  },
} as const;

/** GET /v1/teams: each team, its token and where it reaches the lab. */
export const TEAM_ENTRY = {
  type: 'object',
  required: ['id', 'token', 'url'],
  additionalProperties: false,
  properties: {
    id: STRING,
    token: STRING,
    url: {
      type: ['string', 'null'],
      description:
        "The team's URL (its own port in a cohort; the lab's for one team); null where this process does not host it",
    },
  },
} as const;

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
      summary:
        "Incidents: all with answer keys (tutor); a team's announced ones (title, brief) and revealed ones (also what they were), never a hidden one before its reveal",
      security: BEARER,
      responses: {
        '200': answer(
          'Incidents (a team: as STUDENT_INCIDENT)',
          listOf('incidents', { anyOf: [TUTOR_INCIDENT, STUDENT_INCIDENT] }),
        ),
        ...DENIED,
      },
    },
    post: {
      summary: 'Start an incident (tutor)',
      security: BEARER,
      requestBody: bodyOf(START_REQUEST),
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
      security: BEARER,
      parameters: [ID],
      responses: { '200': ok('The incident'), '404': error('No such incident'), ...DENIED },
    },
  },
  '/v1/incidents/{id}/{action}': {
    post: {
      summary: 'Pause, resume, abort (faults removed at once) or reveal an incident (tutor)',
      security: BEARER,
      parameters: [
        ID,
        {
          name: 'action',
          in: 'path',
          required: true,
          schema: { enum: INCIDENT_ACTIONS },
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
      security: BEARER,
      requestBody: bodyOf(PLAYBOOK_REQUEST),
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
      ...withToken(
        "The lab's record: injections, pauses, aborts, diagnoses, recoveries, alerts (tutor)",
        'Events, oldest first',
      ),
      parameters: [
        {
          name: 'prefix',
          in: 'query',
          schema: { type: 'string' },
          description: 'Only actions starting with it',
        },
        { name: 'limit', in: 'query', schema: { type: 'integer' } },
      ],
    },
  },
  '/v1/lab/reset': {
    post: withToken(
      'Abort every incident and put the original model versions back (tutor)',
      'What was reset',
    ),
  },
  '/v1/diagnoses': {
    post: {
      summary: "Submit a diagnosis (team); scored against the team's incidents",
      security: BEARER,
      requestBody: bodyOf(DIAGNOSIS_REQUEST),
      responses: {
        '201': answer(
          'Recorded; the score when the tutor allows it, else pending says why (also when no incident concerns the team)',
          DIAGNOSIS_FEEDBACK,
        ),
        '400': error('A bad field, named'),
        ...DENIED,
      },
    },
    get: withToken("The team's diagnoses (scores when allowed); every team's for tutors", 'Diagnoses'),
  },
  '/v1/scoreboard': {
    get: {
      summary:
        "Best and last score per team and incident: every row (tutor); a team's own rows, of the incidents announced to it or revealed, scores as its diagnoses show them (team)",
      security: BEARER,
      responses: { '200': answer('Scoreboard', listOf('scoreboard', SCOREBOARD_ROW)), ...DENIED },
    },
  },
  '/v1/teams': {
    get: {
      summary: 'The teams, their tokens and URLs (tutor)',
      security: BEARER,
      responses: { '200': answer('Teams', listOf('teams', TEAM_ENTRY)), ...DENIED },
    },
  },
  ...CLASS_PATHS,
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
