import express, { type RequestHandler } from 'express';
import { jsonBodyOptions } from '@driftlab/contracts';
import { anyRole, perMinute, teamOnly, tutorOnly, type Tokens } from '../auth';

/** Requests a minute per principal: control (tutors, and everyone's reads), diagnosis (teams). */
export const RATE_LIMITS = { control: 300, diagnosis: 10 } as const;

/** Who may call a route: authentication, the rate limit, and the JSON body parser. */
export interface Access {
  readonly tutor: RequestHandler[];
  readonly team: RequestHandler[];
  readonly anyRole: RequestHandler;
  /** Any role, within the control limit (shared with the tutor's routes). */
  readonly anyRoleLimited: RequestHandler[];
}

/** One limiter per role, shared by all its routes: build once per router set. */
export function accessFor(tokens: Tokens): Access {
  const json = express.json(jsonBodyOptions('256kb'));
  const control = perMinute(RATE_LIMITS.control, 'control');
  const any = anyRole(tokens);
  return {
    tutor: [tutorOnly(tokens), control, json],
    team: [teamOnly(tokens), perMinute(RATE_LIMITS.diagnosis, 'diagnosis'), json],
    anyRole: any,
    anyRoleLimited: [any, control],
  };
}
