import type { RequestHandler } from 'express';
import { bodyValidator } from '@driftlab/serving';
import { LAB_OPENAPI_PATHS } from './openapi';

/*
 * The control routes' request bodies, checked against the schemas the lab's OpenAPI document
 * states for them (serving's body validation): the document is the check. Fields are named bare,
 * as in the lab's other messages: `incidents[2].mode: expected "hidden" or "announced", got "loud"`.
 */

/** The lab's document as body validation reads it (one object: its schemas compile once). */
const DOCUMENT = { paths: LAB_OPENAPI_PATHS };
const BARE = { fieldLabel: (path: string) => path };

/** The lab's routes that take a JSON body they check against the document. */
export type LabBodyPath = '/v1/incidents' | '/v1/playbooks' | '/v1/diagnoses';

/** Middleware answering 400 naming the field when the POST body of `path` is not as documented. */
export function documentedBody(path: LabBodyPath): RequestHandler {
  return bodyValidator(DOCUMENT, path, 'post', BARE);
}
