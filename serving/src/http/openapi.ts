import { INPUT_FAULTS } from '@driftlab/contracts';
import { MIN_RECORDS } from '../models';
import { MAX_RETRAIN_EVENTS } from '../recovery';
import { MAX_REASON_LENGTH } from '../registry';

const error = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});

const NAME = { name: 'name', in: 'path', required: true, schema: { type: 'string' } } as const;
const json = (description: string, schema: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: `#/components/schemas/${schema}` } } },
});
const body = (schema: string) => ({
  required: true,
  content: { 'application/json': { schema: { $ref: `#/components/schemas/${schema}` } } },
});

/** A recovery action's reason, kept in the deployment history (the registry refuses more). */
const REASON = {
  type: 'string',
  pattern: '\\S',
  maxLength: MAX_REASON_LENGTH,
  description: 'Why, for the deployment history (not blank)',
} as const;

/** The prediction API's OpenAPI 3.1 document, served at /openapi.json (a test keeps it in step with the routes). */
export const OPENAPI = {
  openapi: '3.1.0',
  info: {
    title: 'driftlab serving',
    version: '0.1.0',
    description:
      'Toy models served in the TensorFlow Serving / KServe V1 REST protocol. Bad input gets a 400 with ' +
      'field errors; what counts as bad follows the input policy (docs/serving.md).',
  },
  paths: {
    '/healthz': { get: { summary: 'Liveness', responses: { '200': { description: 'The process is up' } } } },
    '/readyz': {
      get: {
        summary: 'Readiness: every model has a serving version',
        responses: { '200': { description: 'Ready' }, '503': error('A model has no serving version') },
      },
    },
    '/metrics': {
      get: {
        summary: 'Prometheus metrics (requests, errors, latency, input faults)',
        responses: { '200': { description: 'Prometheus text format' } },
      },
    },
    '/openapi.json': {
      get: { summary: 'This document', responses: { '200': { description: 'OpenAPI 3.1' } } },
    },
    '/v1/models/{name}': {
      get: {
        summary: "A model's versions and which one serves",
        parameters: [{ name: 'name', in: 'path', required: true, schema: { type: 'string' } }],
        responses: {
          '200': {
            description: 'TensorFlow Serving model status',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/ModelStatus' } } },
          },
          '404': error('No such model'),
        },
      },
    },
    '/v1/models/{name}:predict': {
      post: {
        summary: 'Predict for a batch of instances',
        parameters: [
          { name: 'name', in: 'path', required: true, schema: { type: 'string' } },
          {
            name: 'X-Request-Id',
            in: 'header',
            required: false,
            schema: { type: 'string', pattern: '^[A-Za-z0-9._:-]{1,128}$' },
            description: "Echoed and used in each prediction's request_id (generated when absent)",
          },
          {
            name: 'X-Event-Time',
            in: 'header',
            required: false,
            schema: { type: 'string' },
            description:
              "The request's simulated time (epoch ms or ISO), believed only from the lab's simulator (tutor token); anyone else's request gets serving's clock",
          },
        ],
        requestBody: {
          required: true,
          content: { 'application/json': { schema: { $ref: '#/components/schemas/PredictRequest' } } },
        },
        responses: {
          '200': {
            description: 'One prediction per instance',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/PredictResponse' } } },
          },
          '400': error(
            'Malformed or too deeply nested JSON, no instances, invalid instances (with field errors), or a trusted X-Event-Time out of range',
          ),
          '404': error('No such model'),
          '413': error('Body or batch too large'),
          '415': error('A charset or content encoding the lab does not read'),
        },
      },
    },
    '/v1/models/{name}/versions': {
      get: {
        summary: "A model's versions: status, training window, holdout metrics, gate results",
        parameters: [NAME],
        responses: { '200': json('The versions, oldest first', 'Versions'), '404': error('No such model') },
      },
    },
    '/v1/models/{name}/deployments': {
      get: {
        summary: 'The history of promotions and rollbacks',
        parameters: [NAME],
        responses: { '200': json('Deployments, oldest first', 'Deployments'), '404': error('No such model') },
      },
    },
    '/v1/models/{name}:rollback': {
      post: {
        summary: 'Serve an earlier version again (no gates: it served before)',
        parameters: [NAME],
        requestBody: body('VersionAction'),
        responses: {
          '200': json('Rolled back', 'DeploymentResult'),
          '400': error('Bad body'),
          '404': error('No such model or version'),
          '409': error('Not an earlier version, or one the gates refused that never served'),
        },
      },
    },
    '/v1/models/{name}:promote': {
      post: {
        summary: 'Serve a newer version if it passes the promotion gates',
        parameters: [NAME],
        requestBody: body('VersionAction'),
        responses: {
          '200': json('Promoted, with the gate results', 'GatedResult'),
          '400': error('Bad body'),
          '404': error('No such model or version'),
          '409': json('The gates rejected it (results included), or not a newer version', 'GatedResult'),
        },
      },
    },
    '/v1/models/{name}:retrain': {
      post: {
        summary:
          'Train a new version on the most recent labelled events; promote it if asked and the gates pass',
        parameters: [NAME],
        requestBody: body('RetrainRequest'),
        responses: {
          '201': json('The new version, its metrics and gate results', 'RetrainResult'),
          '400': error('Bad body'),
          '404': error('No such model'),
          '409': error('Too few labelled events, or no labelled log'),
        },
      },
    },
  },
  components: {
    schemas: {
      Error: {
        type: 'object',
        required: ['error'],
        properties: {
          error: { type: 'string' },
          request_id: { type: 'string' },
          fields: {
            type: 'array',
            items: {
              type: 'object',
              required: ['instance', 'field', 'problem', 'message'],
              properties: {
                instance: { type: 'integer', minimum: 0 },
                field: { type: 'string' },
                problem: { enum: [...INPUT_FAULTS] },
                message: { type: 'string' },
              },
            },
          },
        },
      },
      PredictRequest: {
        type: 'object',
        required: ['instances'],
        properties: {
          instances: {
            type: 'array',
            minItems: 1,
            items: { type: 'object', additionalProperties: { type: ['number', 'string', 'null'] } },
          },
          request_ids: {
            type: 'array',
            description:
              "Optional, one per instance: each instance's own request id (a client batching several requests into one, as the lab's simulator does when the request rate is high). Without it, instance i of request id r is r-i.",
            items: { type: 'string', pattern: '^[A-Za-z0-9._:-]{1,128}$' },
          },
        },
      },
      PredictResponse: {
        type: 'object',
        required: ['predictions'],
        properties: {
          predictions: {
            type: 'array',
            items: {
              type: 'object',
              required: ['model_version', 'request_id'],
              properties: {
                class: { type: 'integer', enum: [0, 1], description: 'classification' },
                probability: { type: 'number', description: 'classification: P(class 1)' },
                value: { type: 'number', description: 'regression' },
                model_version: { type: 'string' },
                request_id: { type: 'string' },
              },
            },
          },
        },
      },
      VersionAction: {
        type: 'object',
        required: ['version'],
        properties: { version: { type: 'integer', minimum: 1 }, reason: REASON },
      },
      RetrainRequest: {
        type: 'object',
        required: ['last'],
        properties: {
          last: {
            type: 'integer',
            minimum: MIN_RECORDS,
            maximum: MAX_RETRAIN_EVENTS,
            description: 'How many of the most recent labelled events',
          },
          promote: { type: 'boolean', default: false },
          reason: REASON,
        },
      },
      Deployment: {
        type: 'object',
        required: ['seq', 'action', 'at', 'from', 'to', 'reason'],
        properties: {
          seq: { type: 'integer' },
          action: { enum: ['promote', 'rollback'] },
          at: { type: 'string', format: 'date-time' },
          from: { type: ['integer', 'null'] },
          to: { type: 'integer' },
          reason: { type: 'string' },
        },
      },
      Deployments: {
        type: 'object',
        properties: {
          model: { type: 'string' },
          deployments: { type: 'array', items: { $ref: '#/components/schemas/Deployment' } },
        },
      },
      DeploymentResult: {
        type: 'object',
        properties: { model: { type: 'string' }, deployment: { $ref: '#/components/schemas/Deployment' } },
      },
      GateReport: {
        type: 'object',
        required: ['passed', 'checks'],
        properties: {
          passed: { type: 'boolean' },
          checks: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                name: { type: 'string' },
                kind: { type: 'string' },
                passed: { type: 'boolean' },
                detail: { type: 'string' },
              },
            },
          },
          comparedWith: { type: ['integer', 'null'] },
        },
      },
      GatedResult: {
        type: 'object',
        properties: {
          model: { type: 'string' },
          promoted: { type: 'boolean' },
          deployment: { $ref: '#/components/schemas/Deployment' },
          gates: { $ref: '#/components/schemas/GateReport' },
          error: { type: 'string' },
        },
      },
      Versions: {
        type: 'object',
        properties: {
          model: { type: 'string' },
          versions: {
            type: 'array',
            items: {
              type: 'object',
              required: ['version', 'status'],
              properties: {
                version: { type: 'integer' },
                status: { enum: ['candidate', 'serving', 'retired', 'rejected', 'unreadable'] },
                createdAt: { type: 'string', format: 'date-time' },
                trainingWindow: { type: 'object' },
                holdout: { type: 'object' },
                gates: { oneOf: [{ $ref: '#/components/schemas/GateReport' }, { type: 'null' }] },
                problem: { type: 'string' },
              },
            },
          },
        },
      },
      RetrainResult: {
        type: 'object',
        properties: {
          model: { type: 'string' },
          version: { type: 'integer' },
          records: { type: 'integer' },
          metrics: { type: 'object' },
          gates: { $ref: '#/components/schemas/GateReport' },
          promoted: { type: 'boolean' },
          deployment: { oneOf: [{ $ref: '#/components/schemas/Deployment' }, { type: 'null' }] },
        },
      },
      ModelStatus: {
        type: 'object',
        properties: {
          model_version_status: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                version: { type: 'string' },
                state: { enum: ['AVAILABLE', 'END'] },
                status: { type: 'object' },
              },
            },
          },
        },
      },
    },
  },
} as const;
