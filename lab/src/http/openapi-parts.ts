/* The pieces the lab's OpenAPI paths are written with (openapi.ts, openapi-class.ts). */

export const error = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});
export const ok = (description: string) => ({
  description,
  content: { 'application/json': { schema: { type: 'object' } } },
});
/** A 200 (or 201) answer whose JSON is as `schema` says (openapi.test.ts checks real answers). */
export const answer = (description: string, schema: object) => ({
  description,
  content: { 'application/json': { schema } },
});
export const bodyOf = (schema: object) => ({ required: true, content: { 'application/json': { schema } } });
export const ID = { name: 'id', in: 'path', required: true, schema: { type: 'string' } } as const;
/** A tutor's or a team's token, as the operation says. */
export const BEARER = [{ bearer: [] }];
export const DENIED = {
  '401': error('No token, or an unknown one'),
  '403': error('A token of the wrong role'),
  '429': error('Too many requests: see Retry-After'),
};
export const STRING = { type: 'string' } as const;
export const STRINGS = { type: 'array', items: STRING } as const;
export const TIME = { type: 'string', format: 'date-time' } as const;

export const listOf = (name: string, items: object) => ({
  type: 'object',
  required: [name],
  properties: { [name]: { type: 'array', items } },
});
