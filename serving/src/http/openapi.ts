import { INPUT_FAULTS } from './input-policy';

const error = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});

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
          '400': error('Malformed JSON, no instances, or invalid instances (with field errors)'),
          '404': error('No such model'),
          '413': error('Body or batch too large'),
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
