import type express from 'express';
import { controlRoutes, type ControlDeps } from './control-routes';
import { labRoutes } from './lab-routes';
import { LAB_OPENAPI_PATHS, withLabPaths } from './openapi';

/** Every method and path a router answers, with `:param` written `{param}` as OpenAPI does. */
function routesOf(router: express.Router): string[] {
  const out: string[] = [];
  for (const layer of router.stack as { route?: { path: string; methods: Record<string, boolean> } }[]) {
    if (!layer.route) continue;
    const path = layer.route.path.replace(/:(\w+)/g, '{$1}');
    for (const method of Object.keys(layer.route.methods)) out.push(`${method} ${path}`);
  }
  return out;
}

describe("the lab's OpenAPI document", () => {
  // The routers are only listed, never called: empty dependencies are enough.
  const deps = { tokens: { identify: () => null, teams: {} } } as unknown as ControlDeps;
  const routes = [
    ...routesOf(controlRoutes(deps)),
    ...routesOf(labRoutes({ record: {}, alerts: {}, metrics: {} } as never)),
  ];

  it('documents every route the control side answers, and nothing it does not', () => {
    const documented = Object.entries(LAB_OPENAPI_PATHS).flatMap(([path, methods]) =>
      Object.keys(methods).map((m) => `${m} ${path}`),
    );
    expect(routes.length).toBeGreaterThan(10);
    expect([...new Set(routes)].sort()).toEqual(documented.sort());
  });

  it('documents 401, 403 and 429 on every route that needs a token', () => {
    for (const [path, methods] of Object.entries(LAB_OPENAPI_PATHS))
      for (const [method, op] of Object.entries(methods) as [
        string,
        { security?: unknown; responses: object },
      ][])
        if (op.security)
          expect([`${method} ${path}`, Object.keys(op.responses)]).toEqual([
            `${method} ${path}`,
            expect.arrayContaining(['401', '403', '429']),
          ]);
  });

  it("keeps serving's document whole when it adds the lab's paths", () => {
    const merged = withLabPaths({
      openapi: '3.1.0',
      paths: { '/x': {} },
      components: { schemas: { Error: { a: 1 } } },
    });
    expect(Object.keys(merged.paths)).toContain('/x');
    expect(Object.keys(merged.paths)).toContain('/v1/incidents');
    expect((merged.components as { schemas: { Error: object } }).schemas.Error).toEqual({ a: 1 });
  });
});
