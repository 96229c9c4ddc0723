import express, { type ErrorRequestHandler } from 'express';
import {
  DURATION_PATTERN,
  parseDuration,
  parseScenario,
  builtinScenario,
  ScenarioError,
  type DiagnosisKind,
  type Scenario,
  type World,
} from '@driftlab/simulator';
import { jsonBodyErrors } from '@driftlab/serving';
import { actorOf, principalOf, type Tokens } from '../auth';
import type { Diagnoses } from '../diagnosis';
import {
  INCIDENT_ACTIONS,
  IncidentControlError,
  type IncidentAction,
  type IncidentManager,
  type IncidentMode,
} from '../incidents';
import type { LabRecord } from '../record';
import { described } from '../described';
import { accessFor, type Access } from './access';
import { documentedBody } from './body-validation';
import { classRoutes } from './class-routes';

/*
 * The tutor and student control API (docs/incidents.md; in the OpenAPI document):
 *   GET  /v1/incidents                 tutor: every incident with its answer key; team: those announced
 *                                      to it (title, brief) or revealed (also what it was: views.ts)
 *   POST /v1/incidents                 tutor: start one {scenario | scenario_yaml, mode, at, teams, feedback}
 *   GET  /v1/incidents/{id}            tutor
 *   POST /v1/incidents/{id}/{pause|resume|abort|reveal}   tutor
 *   POST /v1/playbooks                 tutor: {incidents: [start requests]}
 *   GET  /v1/record                    tutor: the lab's record (?prefix=incident.&limit=200)
 *   POST /v1/diagnoses                 team: {model, features, kind, since, note}
 *   GET  /v1/diagnoses                 team: its own (scores when allowed); tutor: all
 *   GET  /v1/scoreboard                tutor: every row; team: its own, of incidents it knows of
 *   GET  /v1/teams                     tutor: the teams, their tokens and URLs
 *   GET  /v1/whoami, /v1/catalogue, /v1/scenarios, /v1/projector   the class pages' reads (class-routes.ts)
 *
 * Request bodies are checked against their schemas in the OpenAPI document (openapi.ts); what a
 * schema cannot say (a built-in scenario that exists, a time still to come) is checked here.
 */

export interface ControlDeps {
  readonly tokens: Tokens;
  /** The worlds the lab runs (its models): the catalogue the class pages offer. */
  readonly worlds: readonly World[];
  readonly incidents: IncidentManager;
  readonly diagnoses: Diagnoses;
  readonly record: LabRecord;
  /**
   * Simulated seconds per real second now (the effective speed, which falls below the asked one
   * when the lab cannot keep it): turns a wall-clock `at` into simulated time.
   */
  readonly speed: () => number;
  /** Back to clean streams and the original model versions (POST /v1/lab/reset). */
  readonly reset: (actor: string) => Promise<object>;
  /**
   * Where a team reaches its lab (its own port in a cohort; the lab's URL for one team), once the
   * hosts listen; undefined where this process does not know it (GET /v1/teams says null).
   */
  readonly teamUrl?: (team: string) => string | undefined;
}

/** A team as GET /v1/teams lists it. */
export interface TeamEntry {
  readonly id: string;
  readonly token: string;
  readonly url: string | null;
}

/** A field its schema lets through that the lab still cannot use, named: answered 400. */
class BodyError extends Error {}

/** A start request as START_REQUEST lets it through. */
interface StartBody {
  readonly scenario?: string;
  readonly scenario_yaml?: string;
  readonly mode?: IncidentMode;
  readonly at?: string;
  readonly teams?: 'all' | string[];
  readonly feedback?: boolean;
}

/** A diagnosis as DIAGNOSIS_REQUEST lets it through. */
interface DiagnosisBody {
  readonly model: string;
  readonly features: string[];
  readonly kind: DiagnosisKind;
  readonly since: string;
  readonly note?: string;
}

function scenarioOf(body: StartBody, at: string): Scenario {
  if (body.scenario_yaml !== undefined) {
    try {
      return parseScenario(body.scenario_yaml, `${at}scenario_yaml`);
    } catch (e) {
      throw new BodyError((e as Error).message);
    }
  }
  // Built-in ids only: the server never opens a path named in a request, nor looks one up.
  try {
    return builtinScenario(body.scenario!);
  } catch (e) {
    if (e instanceof ScenarioError) throw new BodyError(`${at}scenario: ${e.message}`);
    throw e;
  }
}

/**
 * `at`: a duration of simulated time from now ("30m"), or a wall-clock ISO time during the class
 * ("2026-11-27T10:30:00Z"), turned into simulated time at the lab's effective speed.
 */
function delayOf(value: string, speed: number, at: string): number {
  const duration = parseDuration(value);
  // A duration too long to parse ("99999999999999999999d") is beyond the year below, not a date.
  const delay = DURATION.test(value) ? (duration ?? Infinity) : (wallTime(value, at) - Date.now()) * speed;
  // A session's incidents come within the year of simulated time that follows; beyond, a date
  // cannot even be shown (new Date(…) of it is invalid).
  if (!(delay <= MAX_DELAY_MS))
    throw new BodyError(
      `${at}at: expected a time within ${MAX_DELAY_DAYS} days of simulated time from now, got ${described(value)}`,
    );
  return delay;
}

const DURATION = new RegExp(DURATION_PATTERN);

/** How far ahead (simulated) an incident may be scheduled. */
const MAX_DELAY_DAYS = 365;
const MAX_DELAY_MS = MAX_DELAY_DAYS * 86_400_000;

function wallTime(value: string, at: string): number {
  const wall = Date.parse(value);
  if (Number.isNaN(wall))
    throw new BodyError(
      `${at}at: expected a duration of simulated time from now such as "30m", or an ISO time to come such as 2026-11-27T10:30:00Z, got ${described(value)}`,
    );
  if (wall < Date.now()) throw new BodyError(`${at}at: ${value} has passed; expected a time to come`);
  return wall;
}

/** `body` (valid per START_REQUEST) as a start request; `at` prefixes the fields it names. */
function startRequestOf(body: StartBody, speed: number, at = '') {
  return {
    scenario: scenarioOf(body, at),
    mode: body.mode === undefined ? 'hidden' : body.mode,
    delay: body.at === undefined ? 0 : delayOf(body.at, speed, at),
    teams: body.teams === undefined || body.teams === 'all' ? undefined : body.teams,
    feedback: body.feedback,
  };
}

function diagnosisOf(body: DiagnosisBody) {
  const { model, features, kind, since, note } = body;
  const sinceMs = Date.parse(since);
  if (Number.isNaN(sinceMs))
    throw new BodyError(
      `since: expected an ISO 8601 time such as 2026-11-27T10:15:00Z, got ${described(since)}`,
    );
  return { diagnosis: { model, features, kind, since: sinceMs }, note: note ?? '' };
}

export function controlRoutes(deps: ControlDeps): express.Router {
  const router = express.Router();
  const access = accessFor(deps.tokens);
  incidentRoutes(router, deps, access);
  diagnosisRoutes(router, deps, access);
  tutorRoutes(router, deps, access);
  classRoutes(router, deps, access);
  router.use(controlErrors, jsonBodyErrors);
  return router;
}

const controlErrors: ErrorRequestHandler = (err, _req, res, next) => {
  if (err instanceof BodyError) res.status(400).json({ error: err.message });
  else if (err instanceof IncidentControlError) res.status(err.status).json({ error: err.message });
  else next(err);
};

function incidentRoutes(router: express.Router, deps: ControlDeps, access: Access): void {
  const { incidents } = deps;
  router.get('/v1/incidents', access.anyRole, (_req, res) => {
    const p = principalOf(res)!;
    res.json({
      incidents:
        p.role === 'tutor'
          ? incidents.all().map((i) => incidents.tutorView(i))
          : incidents.studentView(p.team),
    });
  });
  router.post('/v1/incidents', ...access.tutor, documentedBody('/v1/incidents'), (req, res) => {
    const request = startRequestOf(req.body as StartBody, deps.speed());
    const incident = incidents.start({ ...request, actor: actorOf(res) });
    res.status(201).json(incidents.tutorView(incident));
  });
  router.get('/v1/incidents/:id', ...access.tutor, (req, res) => {
    res.json(incidents.tutorView(incidents.get(String(req.params.id))));
  });
  router.post('/v1/incidents/:id/:action', ...access.tutor, (req, res) => {
    const action = String(req.params.action);
    if (!(INCIDENT_ACTIONS as readonly string[]).includes(action))
      return void res
        .status(404)
        .json({ error: `no action "${action}": expected pause, resume, abort or reveal` });
    const incident = incidents[action as IncidentAction](String(req.params.id), actorOf(res));
    res.json(incidents.tutorView(incident));
  });
  router.post('/v1/playbooks', ...access.tutor, documentedBody('/v1/playbooks'), (req, res) => {
    const entries = (req.body as { incidents: StartBody[] }).incidents;
    // Every entry is checked before any starts: a bad playbook starts nothing.
    const speed = deps.speed();
    const requests = entries.map((entry, i) => startRequestOf(entry, speed, `incidents[${i}].`));
    const actor = actorOf(res);
    const started = requests.map((r) => incidents.tutorView(incidents.start({ ...r, actor })));
    res.status(201).json({ incidents: started });
  });
}

function diagnosisRoutes(router: express.Router, deps: ControlDeps, access: Access): void {
  const { diagnoses } = deps;
  router.post('/v1/diagnoses', ...access.team, documentedBody('/v1/diagnoses'), (req, res) => {
    const { diagnosis, note } = diagnosisOf(req.body as DiagnosisBody);
    const p = principalOf(res) as { role: 'team'; team: string };
    const entry = diagnoses.submit(p.team, diagnosis, note);
    res.status(201).json(diagnoses.feedback(entry));
  });
  router.get('/v1/diagnoses', access.anyRole, (_req, res) => {
    const p = principalOf(res)!;
    res.json({ diagnoses: p.role === 'tutor' ? diagnoses.all() : diagnoses.feedbackFor(p.team) });
  });
  // Tutor: every row; team: its own rows, of the incidents it knows of (diagnosis/scoreboard.ts).
  router.get('/v1/scoreboard', ...access.anyRoleLimited, (_req, res) => {
    const p = principalOf(res)!;
    res.json({ scoreboard: p.role === 'tutor' ? diagnoses.scoreboard() : diagnoses.scoreboardFor(p.team) });
  });
}

/** The record, the reset and the teams: tutors only. */
function tutorRoutes(router: express.Router, deps: ControlDeps, access: Access): void {
  const { record, tokens } = deps;
  router.get('/v1/record', ...access.tutor, (req, res) => {
    const prefix = typeof req.query.prefix === 'string' ? req.query.prefix : '';
    const limit = Math.min(10_000, Math.max(1, Number(req.query.limit ?? 1000) || 1000));
    res.json({ events: record.events({ prefix, limit }) });
  });
  router.post('/v1/lab/reset', ...access.tutor, async (_req, res) => {
    res.json(await deps.reset(actorOf(res)));
  });
  router.get('/v1/teams', ...access.tutor, (_req, res) => {
    const teams: TeamEntry[] = Object.entries(tokens.teams).map(([id, token]) => ({
      id,
      token,
      url: deps.teamUrl?.(id) ?? null,
    }));
    res.json({ teams });
  });
}
