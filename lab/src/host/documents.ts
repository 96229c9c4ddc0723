import { OPENAPI } from '@driftlab/serving';
import { withLabPaths } from '../http';

/*
 * What /openapi.json documents in each kind of process: the routes of the components it hosts.
 */

const HOST_PATHS = {
  '/healthz': { get: { summary: 'Liveness', responses: { '200': { description: 'The process is up' } } } },
  '/metrics': {
    get: { summary: "This process's metrics", responses: { '200': { description: 'Prometheus text' } } },
  },
  '/openapi.json': {
    get: { summary: 'This document', responses: { '200': { description: 'OpenAPI 3.1' } } },
  },
};

const events = (summary: string, key: string) => ({
  post: {
    summary,
    requestBody: {
      required: true,
      content: {
        'application/json': {
          schema: {
            type: 'object',
            required: [key],
            properties: { [key]: { type: 'array', maxItems: 10_000 } },
          },
        },
      },
    },
    responses: { '200': { description: 'Recorded' }, '400': { description: 'A bad item, named' } },
  },
});

/** serving's model routes that a lone lab passes on to it (servingForward): all but predictions. */
function forwardedModelPaths(): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(OPENAPI.paths).filter(
      ([path]) => path.startsWith('/v1/models/') && !path.endsWith(':predict'),
    ),
  );
}

/**
 * The document of the process that runs `components`; `forwardsModels`: a lone lab that passes the
 * team page's model calls on to serving (`--serving-url`).
 */
export function openapiFor(components: {
  serving: boolean;
  exporter: boolean;
  lab: boolean;
  forwardsModels?: boolean;
}): object {
  if (components.serving) return components.lab ? withLabPaths(OPENAPI) : OPENAPI;
  if (components.exporter)
    return {
      openapi: '3.1.0',
      info: { title: 'driftlab exporter', version: '0.1.0' },
      paths: {
        ...HOST_PATHS,
        '/v1/events/predictions': events('Served predictions, from serving in another process', 'batches'),
        '/v1/events/labels': events('Late labels, from the simulator in another process', 'labels'),
      },
    };
  return withLabPaths({
    openapi: '3.1.0',
    info: { title: 'driftlab lab control', version: '0.1.0' },
    paths: { ...HOST_PATHS, ...(components.forwardsModels ? forwardedModelPaths() : {}) },
    ...(components.forwardsModels ? { components: OPENAPI.components } : {}),
  });
}
