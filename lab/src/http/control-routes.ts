import express, { type ErrorRequestHandler, type Request, type Response } from 'express';
import {
  DIAGNOSIS_KINDS,
  parseDuration,
  parseScenario,
  resolveScenario,
  ScenarioError,
  type DiagnosisKind,
  type Scenario,
} from '@driftlab/simulator';
import { jsonBodyErrors } from '@driftlab/serving';
import { perMinute, principalOf, teamOnly, tutorOnly, anyRole, type Tokens } from '../auth';
import type { Diagnoses } from '../diagnosis';
import { IncidentError, type IncidentManager, type IncidentMode } from '../incidents';
import type { LabRecord } from '../record';

/*
 * The tutor and student control API (docs/incidents.md; in the OpenAPI document):
 *   GET  /v1/incidents                 tutor: every incident with its answer key; team: announced ones
 *   POST /v1/incidents                 tutor: start one {scenario | scenario_yaml, mode, at, teams, feedback}
 *   GET  /v1/incidents/{id}            tutor
 *   POST /v1/incidents/{id}/{pause|resume|abort|reveal}   tutor
 *   POST /v1/playbooks                 tutor: {incidents: [start requests]}
 *   GET  /v1/record                    tutor: the lab's record (?prefix=incident.&limit=200)
 *   POST /v1/diagnoses                 team: {model, features, kind, since, note}
 *   GET  /v1/diagnoses                 team: its own (scores when allowed); tutor: all
 *   GET  /v1/scoreboard                tutor
 *   GET  /v1/teams                     tutor: the teams and their tokens
 */

export interface ControlDeps {
  readonly tokens: Tokens;
  readonly incidents: IncidentManager;
  readonly diagnoses: Diagnoses;
  readonly record: LabRecord;
  /** Simulated seconds per real second: turns a wall-clock `at` into simulated time. */
  readonly speed: number;
  /** Back to clean streams and the original model versions (POST /v1/lab/reset). */
  readonly reset: (actor: string) => Promise<object>;
}

/** Requests a minute per principal: control (tutors), diagnosis (teams). */
export const RATE_LIMITS = { control: 300, diagnosis: 10 } as const;

class BodyError extends Error {}

type Body = Record<string, unknown>;

function bodyOf(req: Request): Body {
  const body = req.body as unknown;
  if (body === undefined) return {};
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    throw new BodyError('body: expected a JSON object with Content-Type: application/json');
  return body as Body;
}

const got = (v: unknown) => JSON.stringify(v) ?? 'nothing';

function scenarioOf(body: Body, at: string): Scenario {
  if (typeof body.scenario_yaml === 'string') {
    try {
      return parseScenario(body.scenario_yaml, `${at}scenario_yaml`);
    } catch (e) {
      throw new BodyError((e as Error).message);
    }
  }
  // Built-in ids only: the server never opens a path named in a request.
  if (typeof body.scenario !== 'string' || !/^[a-z0-9-]+$/.test(body.scenario))
    throw new BodyError(
      `${at}scenario: expected a built-in scenario id (or scenario_yaml), got ${got(body.scenario)}`,
    );
  try {
    return resolveScenario(body.scenario);
  } catch (e) {
    if (e instanceof ScenarioError) throw new BodyError(`${at}scenario: ${e.message}`);
    throw e;
  }
}

/**
 * `at`: a duration of simulated time from now ("30m"), or a wall-clock ISO time during the class
 * ("2026-11-27T10:30:00Z"), turned into simulated time at the lab's speed.
 */
function delayOf(value: unknown, speed: number, at: string): number {
  const expected = `${at}at: expected a duration of simulated time from now such as "30m", or an ISO time to come such as 2026-11-27T10:30:00Z, got ${got(value)}`;
  if (typeof value !== 'string') throw new BodyError(expected);
  const duration = parseDuration(value);
  if (duration !== undefined && Number.isFinite(duration)) return duration;
  const wall = /^\d{4}-\d\d-\d\dT/.test(value) ? Date.parse(value) : NaN;
  if (Number.isNaN(wall)) throw new BodyError(expected);
  if (wall < Date.now()) throw new BodyError(`${at}at: ${value} has passed; expected a time to come`);
  return (wall - Date.now()) * speed;
}

function startRequestOf(body: Body, speed: number, at = '') {
  const scenario = scenarioOf(body, at);
  const mode = body.mode ?? 'hidden';
  if (mode !== 'hidden' && mode !== 'announced')
    throw new BodyError(`${at}mode: expected "hidden" or "announced", got ${got(mode)}`);
  const delay = body.at === undefined ? 0 : delayOf(body.at, speed, at);
  let teams: string[] | undefined;
  if (body.teams !== undefined && body.teams !== 'all') {
    if (!Array.isArray(body.teams) || !body.teams.every((t) => typeof t === 'string'))
      throw new BodyError(`${at}teams: expected "all" or a list of team ids, got ${got(body.teams)}`);
    teams = body.teams as string[];
  }
  if (body.feedback !== undefined && typeof body.feedback !== 'boolean')
    throw new BodyError(`${at}feedback: expected true or false, got ${got(body.feedback)}`);
  return {
    scenario,
    mode: mode as IncidentMode,
    delay,
    teams,
    feedback: body.feedback as boolean | undefined,
  };
}

function diagnosisOf(body: Body) {
  const { model, features, kind, since, note } = body;
  if (typeof model !== 'string' || model === '')
    throw new BodyError(`model: expected a model name, got ${got(model)}`);
  if (!Array.isArray(features) || !features.every((f) => typeof f === 'string') || features.length > 100)
    throw new BodyError(`features: expected a list of feature names (possibly empty), got ${got(features)}`);
  if (typeof kind !== 'string' || !DIAGNOSIS_KINDS.includes(kind as DiagnosisKind))
    throw new BodyError(`kind: expected one of ${DIAGNOSIS_KINDS.join(', ')}, got ${got(kind)}`);
  const sinceMs = typeof since === 'string' ? Date.parse(since) : NaN;
  if (Number.isNaN(sinceMs))
    throw new BodyError(`since: expected an ISO 8601 time such as 2026-11-27T10:15:00Z, got ${got(since)}`);
  if (note !== undefined && (typeof note !== 'string' || note.length > 2000))
    throw new BodyError('note: expected a text of at most 2000 characters');
  return {
    diagnosis: { model, features: features as string[], kind: kind as DiagnosisKind, since: sinceMs },
    note: (note as string | undefined) ?? '',
  };
}

function actorOf(res: Response): string {
  const p = principalOf(res);
  return !p ? 'anonymous' : p.role === 'tutor' ? 'tutor' : `team:${p.team}`;
}

export function controlRoutes(deps: ControlDeps): express.Router {
  const { tokens, incidents, diagnoses, record } = deps;
  const router = express.Router();
  const json = express.json({ limit: '256kb' });
  const tutor = [tutorOnly(tokens), perMinute(RATE_LIMITS.control, 'control'), json];
  const team = [teamOnly(tokens), perMinute(RATE_LIMITS.diagnosis, 'diagnosis'), json];

  router.get('/v1/incidents', anyRole(tokens), (_req, res) => {
    const p = principalOf(res)!;
    res.json({
      incidents:
        p.role === 'tutor'
          ? incidents.all().map((i) => incidents.tutorView(i))
          : incidents.studentView(p.team),
    });
  });
  router.post('/v1/incidents', ...tutor, (req, res) => {
    const incident = incidents.start({ ...startRequestOf(bodyOf(req), deps.speed), actor: actorOf(res) });
    res.status(201).json(incidents.tutorView(incident));
  });
  router.get('/v1/incidents/:id', ...tutor, (req, res) => {
    res.json(incidents.tutorView(incidents.get(String(req.params.id))));
  });
  router.post('/v1/incidents/:id/:action', ...tutor, (req, res) => {
    const id = String(req.params.id);
    const actor = actorOf(res);
    const action = String(req.params.action);
    const incident =
      action === 'pause'
        ? incidents.pause(id, actor)
        : action === 'resume'
          ? incidents.resume(id, actor)
          : action === 'abort'
            ? incidents.abort(id, actor)
            : action === 'reveal'
              ? incidents.reveal(id, actor)
              : null;
    if (!incident)
      return void res
        .status(404)
        .json({ error: `no action "${action}": expected pause, resume, abort or reveal` });
    res.json(incidents.tutorView(incident));
  });
  router.post('/v1/playbooks', ...tutor, (req, res) => {
    const body = bodyOf(req);
    if (!Array.isArray(body.incidents) || body.incidents.length === 0 || body.incidents.length > 100)
      throw new BodyError(
        `incidents: expected a list of 1 to 100 incidents to start, got ${got(body.incidents)}`,
      );
    // Every entry is checked before any starts: a bad playbook starts nothing.
    const requests = body.incidents.map((entry: unknown, i: number) => {
      if (entry === null || typeof entry !== 'object' || Array.isArray(entry))
        throw new BodyError(`incidents[${i}]: expected an object, got ${got(entry)}`);
      return startRequestOf(entry as Body, deps.speed, `incidents[${i}].`);
    });
    const actor = actorOf(res);
    const started = requests.map((r) => incidents.tutorView(incidents.start({ ...r, actor })));
    res.status(201).json({ incidents: started });
  });
  router.get('/v1/record', ...tutor, (req, res) => {
    const prefix = typeof req.query.prefix === 'string' ? req.query.prefix : '';
    const limit = Math.min(10_000, Math.max(1, Number(req.query.limit ?? 1000) || 1000));
    res.json({ events: record.events({ prefix, limit }) });
  });
  router.post('/v1/lab/reset', ...tutor, async (_req, res) => {
    res.json(await deps.reset(actorOf(res)));
  });
  router.post('/v1/diagnoses', ...team, (req, res) => {
    const { diagnosis, note } = diagnosisOf(bodyOf(req));
    const p = principalOf(res) as { role: 'team'; team: string };
    const entry = diagnoses.submit(p.team, diagnosis, note);
    res.status(201).json(diagnoses.feedback(entry));
  });
  router.get('/v1/diagnoses', anyRole(tokens), (_req, res) => {
    const p = principalOf(res)!;
    res.json({ diagnoses: p.role === 'tutor' ? diagnoses.all() : diagnoses.feedbackFor(p.team) });
  });
  router.get('/v1/scoreboard', ...tutor, (_req, res) => {
    res.json({ scoreboard: diagnoses.scoreboard() });
  });
  router.get('/v1/teams', ...tutor, (_req, res) => {
    res.json({ teams: Object.entries(tokens.teams).map(([id, token]) => ({ id, token })) });
  });

  const errors: ErrorRequestHandler = (err, _req, res, next) => {
    if (err instanceof BodyError) res.status(400).json({ error: err.message });
    else if (err instanceof IncidentError) res.status(err.status).json({ error: err.message });
    else next(err);
  };
  router.use(errors, jsonBodyErrors);
  return router;
}
