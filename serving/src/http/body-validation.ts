import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import type { RequestHandler } from 'express';

/*
 * Request bodies checked against the JSON schemas an OpenAPI 3.1 document states for them, so the
 * document and the checks cannot drift apart. Every JSON API of the lab uses it: serving's recovery
 * routes, the lab's control routes.
 *
 * A refusal names the first bad field and says what its schema expects, from the schema itself:
 *   field "version": expected a positive whole number, got "1"
 *   field "incidents[2].mode": expected "hidden" or "announced", got "loud"
 *   expected a JSON object body with Content-Type: application/json, got [1]
 *
 * Cost: each schema is compiled once (cached by object identity) and validation stops at the first
 * error (allErrors: false), so a hostile body costs no more than one pass.
 */

type Json = Record<string, unknown>;

/** How a message names a field (a path such as `incidents[2].mode`); default: field "…". */
export interface BodyMessageOptions {
  readonly fieldLabel?: (path: string) => string;
}

/** What a compiled check answers: null when the body is valid, else the message for the 400. */
export type BodyCheck = (body: unknown) => string | null;

let ajv: Ajv2020 | null = null;
const compiled = new WeakMap<object, ValidateFunction>();

function compile(schema: object): ValidateFunction {
  let validate = compiled.get(schema);
  if (!validate) {
    ajv ??= newAjv();
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  return validate;
}

function newAjv(): Ajv2020 {
  // Unknown keywords are schema typos and throw at compile time; OpenAPI's own keywords are known.
  const instance = new Ajv2020({
    allErrors: false,
    verbose: true,
    strictSchema: true,
    strictTypes: false,
    strictTuples: false,
    strictRequired: false,
  });
  instance.addVocabulary(['discriminator', 'xml', 'externalDocs', 'example']);
  instance.addFormat('date-time', {
    type: 'string',
    validate: (s: string) =>
      /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)$/i.test(s) &&
      !Number.isNaN(Date.parse(s)),
  });
  return instance;
}

/** A check of bodies against `schema` (a JSON schema, 2020-12 as in OpenAPI 3.1), compiled once. */
export function bodyCheck(schema: object, options: BodyMessageOptions = {}): BodyCheck {
  const validate = compile(schema);
  const label = options.fieldLabel ?? ((path: string) => `field "${path}"`);
  return (body) => {
    if (validate(body)) return null;
    // Without allErrors the failing keyword is last: anyOf/oneOf list their branches' errors first.
    const error = validate.errors!.at(-1)!;
    return messageOf(error, label);
  };
}

/**
 * Express middleware: lets a request on when its body is valid per `schema` (a request without a
 * JSON body counts as `{}`, and `req.body` is set to it), else answers 400 `{ error }` naming the
 * field and what was expected.
 */
export function validBody(schema: object, options?: BodyMessageOptions): RequestHandler {
  const check = bodyCheck(schema, options);
  return (req, res, next) => {
    req.body ??= {};
    const problem = check(req.body);
    if (problem === null) next();
    else res.status(400).json({ error: problem });
  };
}

/** `validBody` with the request-body schema of `method` `path` in an OpenAPI document. */
export function bodyValidator(
  openapi: object,
  path: string,
  method: string,
  options?: BodyMessageOptions,
): RequestHandler {
  return validBody(requestBodySchema(openapi, path, method), options);
}

const resolvedSchemas = new WeakMap<object, Map<string, object>>();

/**
 * The JSON schema of the `application/json` request body of `method` `path` in an OpenAPI 3.1
 * document, with its local `$ref`s (`#/components/schemas/…`) resolved. The same object for the
 * same operation, so it is compiled once. Throws when the document has no such body.
 */
export function requestBodySchema(openapi: object, path: string, method: string): object {
  let byOperation = resolvedSchemas.get(openapi);
  if (!byOperation) resolvedSchemas.set(openapi, (byOperation = new Map()));
  const key = `${method.toLowerCase()} ${path}`;
  let schema = byOperation.get(key);
  if (!schema) {
    const operation = pointer(openapi, ['paths', path, method.toLowerCase()]);
    const body = pointer(operation, ['requestBody', 'content', 'application/json', 'schema']);
    if (!isObject(body))
      throw new Error(`OpenAPI document: ${key} has no application/json request body schema`);
    schema = inlineRefs(body, openapi, []) as object;
    byOperation.set(key, schema);
  }
  return schema;
}

function pointer(root: unknown, segments: readonly string[]): unknown {
  let node = root;
  for (const segment of segments) node = isObject(node) ? node[segment] : undefined;
  return node;
}

/** A copy of `node` with every local `$ref` replaced by what it points at (recursive refs refused). */
function inlineRefs(node: unknown, root: object, via: readonly string[]): unknown {
  if (Array.isArray(node)) return node.map((item) => inlineRefs(item, root, via));
  if (!isObject(node)) return node;
  const { $ref, ...rest } = node;
  if (typeof $ref !== 'string') {
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, inlineRefs(v, root, via)]));
  }
  if (!$ref.startsWith('#/'))
    throw new Error(`OpenAPI document: only local $refs are supported, not ${$ref}`);
  if (via.includes($ref)) throw new Error(`OpenAPI document: recursive $ref ${$ref} is not supported`);
  const segments = $ref
    .slice(2)
    .split('/')
    .map((s) => decodeURIComponent(s).replace(/~1/g, '/').replace(/~0/g, '~'));
  const target = pointer(root, segments);
  if (target === undefined) throw new Error(`OpenAPI document: $ref ${$ref} points at nothing`);
  const resolved = inlineRefs(target, root, [...via, $ref]);
  return Object.keys(rest).length === 0
    ? resolved
    : { ...(inlineRefs(rest, root, via) as Json), allOf: [resolved] };
}

const isObject = (x: unknown): x is Json => typeof x === 'object' && x !== null && !Array.isArray(x);

// ---------------------------------------------------------------------------------------------
// Messages: what the failing field's schema expects, in words.

/** Keywords whose failure `expectation` explains; any other is told in ajv's words ("must be multiple of 5"). */
const EXPLAINED = new Set([
  'type',
  'enum',
  'const',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'minLength',
  'maxLength',
  'pattern',
  'format',
  'minItems',
  'maxItems',
  'anyOf',
  'oneOf',
]);

const MAX_SHOWN = 80;

function messageOf(error: ErrorObject, label: (path: string) => string): string {
  const parent = (error.parentSchema ?? {}) as Json;
  let path = fieldPath(error.instancePath);
  let what: string;
  let got = shown(error.data);
  if (error.keyword === 'required') {
    const missing = String((error.params as { missingProperty: string }).missingProperty);
    path = path === '' ? missing : `${path}.${missing}`;
    const field = pointer(parent, ['properties', missing]);
    what = isObject(field) ? expectation(field) : 'a value';
    got = 'nothing';
  } else if (error.keyword === 'additionalProperties') {
    const extra = String((error.params as { additionalProperty: string }).additionalProperty);
    const known = Object.keys((parent.properties as Json | undefined) ?? {});
    const at = path === '' ? extra : `${path}.${extra}`;
    return `${label(at)}: not a known field${known.length > 0 ? ` (expected ${orList(known.map(quote))})` : ''}`;
  } else if (EXPLAINED.has(error.keyword)) {
    what =
      error.keyword === 'anyOf' || error.keyword === 'oneOf'
        ? alternatives(parent, error.keyword)
        : expectation(parent);
    if (path === '' && parent.type === 'object' && error.keyword === 'type')
      what = 'a JSON object body with Content-Type: application/json';
  } else {
    return `${path === '' ? '' : `${label(path)}: `}${error.message ?? 'not valid'}, got ${got}`;
  }
  return `${path === '' ? '' : `${label(path)}: `}expected ${what}, got ${got}`;
}

/** `/incidents/2/mode` → `incidents[2].mode`. */
function fieldPath(instancePath: string): string {
  if (instancePath === '') return '';
  return instancePath
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((path, s) => (/^\d+$/.test(s) ? `${path}[${s}]` : path === '' ? s : `${path}.${s}`), '');
}

function shown(value: unknown): string {
  const text = JSON.stringify(value) ?? 'nothing';
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}…` : text;
}

const quote = (v: unknown): string => JSON.stringify(v);

/** `a`, `a or b`, `a, b or c`. */
function orList(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`;
}

function alternatives(schema: Json, keyword: 'anyOf' | 'oneOf'): string {
  const branches = (schema[keyword] as Json[]).filter(isObject);
  // { anyOf: [{ required: ['a'] }, { required: ['b'] }] }: one of the fields must be there.
  if (branches.every((b) => Object.keys(b).length === 1 && Array.isArray(b.required)))
    return `the field ${orList(branches.flatMap((b) => b.required as string[]).map(quote))}`;
  return orList(branches.map(expectation));
}

/** What a value must be to satisfy `schema`, in words ("a positive whole number"). */
function expectation(schema: Json): string {
  if (schema.const !== undefined) return quote(schema.const);
  if (Array.isArray(schema.enum)) return orList(schema.enum.map(quote));
  if (Array.isArray(schema.oneOf)) return alternatives(schema, 'oneOf');
  if (Array.isArray(schema.anyOf)) return alternatives(schema, 'anyOf');
  const types = ([] as unknown[]).concat(schema.type ?? []);
  if (types.length > 1) return orList(types.map((type) => expectation({ ...schema, type })));
  switch (types[0]) {
    case 'integer':
      return schema.minimum === 1 && schema.maximum === undefined && schema.exclusiveMaximum === undefined
        ? 'a positive whole number'
        : `a whole number${range(schema)}`;
    case 'number':
      return `a number${range(schema)}`;
    case 'string':
      return stringExpectation(schema);
    case 'boolean':
      return 'true or false';
    case 'array':
      return arrayExpectation(schema);
    case 'object':
      return 'a JSON object';
    case 'null':
      return 'null';
    default:
      return 'a valid value';
  }
}

/** ` from 10 to 200000`, ` up to 5`, ` above 0`… */
function range(s: Json): string {
  const low =
    s.minimum !== undefined
      ? `from ${s.minimum}`
      : s.exclusiveMinimum !== undefined
        ? `above ${s.exclusiveMinimum}`
        : '';
  const high =
    s.maximum !== undefined
      ? `${s.minimum !== undefined ? 'to' : 'up to'} ${s.maximum}`
      : s.exclusiveMaximum !== undefined
        ? `below ${s.exclusiveMaximum}`
        : '';
  return [low, high]
    .filter((part) => part !== '')
    .map((part) => ` ${part}`)
    .join('');
}

function stringExpectation(s: Json): string {
  const notBlank = s.pattern === '\\S';
  const parts = [
    s.format === 'date-time'
      ? 'an ISO date-time such as 2026-11-27T10:30:00Z'
      : notBlank
        ? 'a non-blank string'
        : typeof s.minLength === 'number' && s.minLength >= 1
          ? 'a non-empty string'
          : 'a string',
  ];
  if (typeof s.minLength === 'number' && s.minLength > 1) parts.push(`of at least ${s.minLength} characters`);
  if (typeof s.maxLength === 'number') parts.push(`of at most ${s.maxLength} characters`);
  if (typeof s.pattern === 'string' && !notBlank) parts.push(`matching /${s.pattern}/`);
  return parts.join(' ');
}

const ITEM_NOUNS: Readonly<Record<string, string>> = {
  string: 'strings',
  number: 'numbers',
  integer: 'whole numbers',
  boolean: 'true or false values',
  object: 'JSON objects',
};

function arrayExpectation(s: Json): string {
  const items = isObject(s.items) && typeof s.items.type === 'string' ? ITEM_NOUNS[s.items.type] : undefined;
  const nonEmpty = typeof s.minItems === 'number' && s.minItems >= 1 ? 'non-empty ' : '';
  const most = typeof s.maxItems === 'number' ? `at most ${s.maxItems} ` : '';
  return `a ${nonEmpty}list of ${most}${items ?? 'items'}`;
}
