/*
 * The class pages' reads (class-routes.ts) in the lab's OpenAPI document, with the schemas of what
 * they answer (openapi.test.ts checks real answers against them).
 */
import { DIAGNOSIS_KINDS } from '@driftlab/simulator';
import { INCIDENT_STATES } from '../incidents';
import { answer, BEARER, DENIED, listOf, STRING, STRINGS } from './openapi-parts';

const NUMBER_OR_NULL = { type: ['number', 'null'] } as const;

const WHOAMI = {
  oneOf: [
    {
      type: 'object',
      required: ['role'],
      additionalProperties: false,
      properties: { role: { const: 'tutor' } },
    },
    {
      type: 'object',
      required: ['role', 'team'],
      additionalProperties: false,
      properties: { role: { const: 'team' }, team: STRING },
    },
  ],
} as const;

const CATALOGUE = {
  type: 'object',
  required: ['models', 'kinds'],
  additionalProperties: false,
  properties: {
    models: {
      type: 'array',
      items: {
        type: 'object',
        required: ['name', 'title', 'task', 'features'],
        additionalProperties: false,
        properties: {
          name: STRING,
          title: STRING,
          task: { enum: ['classification', 'regression'] },
          features: STRINGS,
        },
      },
    },
    kinds: { type: 'array', items: { enum: DIAGNOSIS_KINDS } },
  },
} as const;

const LIBRARY_SCENARIO = {
  type: 'object',
  required: ['id', 'title', 'brief', 'kind', 'worlds', 'runnable', 'answer'],
  additionalProperties: false,
  properties: {
    id: STRING,
    title: STRING,
    brief: STRING,
    kind: { enum: DIAGNOSIS_KINDS },
    worlds: STRINGS,
    runnable: { type: 'boolean', description: 'Whether this lab runs every world it needs' },
    answer: { type: 'object', description: 'The answer key: keep it off the projector' },
  },
} as const;

const PROJECTOR = {
  type: 'object',
  required: ['incidents', 'scoreboard'],
  additionalProperties: false,
  properties: {
    incidents: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'title', 'state', 'teams', 'revealed'],
        additionalProperties: false,
        properties: {
          id: STRING,
          title: STRING,
          state: { enum: INCIDENT_STATES },
          teams: STRINGS,
          revealed: { type: 'boolean' },
          what: { ...STRING, description: 'What it was, once revealed' },
        },
      },
    },
    scoreboard: {
      type: 'array',
      items: {
        type: 'object',
        required: ['incident', 'team', 'submissions', 'best', 'timeToDetectSeconds', 'timeToRecoverSeconds'],
        additionalProperties: false,
        properties: {
          incident: STRING,
          team: STRING,
          submissions: { type: 'integer', minimum: 0 },
          best: NUMBER_OR_NULL,
          timeToDetectSeconds: NUMBER_OR_NULL,
          timeToRecoverSeconds: NUMBER_OR_NULL,
        },
      },
    },
  },
} as const;

const read = (summary: string, description: string, schema: object) => ({
  get: { summary, security: BEARER, responses: { '200': answer(description, schema), ...DENIED } },
});

export const CLASS_PATHS = {
  '/v1/whoami': read('Who a token belongs to (any role)', 'The role, and the team', WHOAMI),
  '/v1/catalogue': read(
    'The models this lab serves, their features, and the diagnosis kinds (any role)',
    'The catalogue',
    CATALOGUE,
  ),
  '/v1/scenarios': read(
    'The built-in scenario library with answer keys (tutor)',
    'Scenarios',
    listOf('scenarios', LIBRARY_SCENARIO),
  ),
  '/v1/projector': read(
    'What the lecture screen shows: announced and revealed incidents, scores once revealed (tutor)',
    'The projector view',
    PROJECTOR,
  ),
} as const;
