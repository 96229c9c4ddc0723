import type express from 'express';
import { builtinScenarios, DIAGNOSIS_KINDS, type World } from '@driftlab/simulator';
import { principalOf } from '../auth';
import { projectorView, type Diagnoses } from '../diagnosis';
import type { IncidentManager } from '../incidents';
import type { Access } from './access';

/*
 * What the class pages (pages/: student page, control room, projector) read beside the control
 * API, and what any other client may read too:
 *   GET /v1/whoami     any role: {role: "tutor"} or {role: "team", team}; a page checks a token with it
 *   GET /v1/catalogue  any role: the models this lab serves (task, features) and the diagnosis kinds
 *   GET /v1/scenarios  tutor: the built-in scenario library, answer keys included
 *   GET /v1/projector  tutor: what the lecture screen may show (diagnosis/projector.ts)
 */

export interface ClassDeps {
  /** The worlds the lab runs: its models, each named after its world. */
  readonly worlds: readonly World[];
  readonly incidents: IncidentManager;
  readonly diagnoses: Diagnoses;
}

export function classRoutes(router: express.Router, deps: ClassDeps, access: Access): void {
  router.get('/v1/whoami', ...access.anyRoleLimited, (_req, res) => {
    const p = principalOf(res)!;
    res.json(p.role === 'team' ? { role: 'team', team: p.team } : { role: p.role });
  });
  router.get('/v1/catalogue', ...access.anyRoleLimited, (_req, res) => {
    res.json(catalogueOf(deps.worlds));
  });
  router.get('/v1/scenarios', ...access.tutor, (_req, res) => {
    const running = new Set(deps.worlds.map((w) => w.name));
    res.json({
      scenarios: builtinScenarios().map((s) => ({
        id: s.id,
        title: s.title,
        brief: s.brief,
        kind: s.answer.kind,
        worlds: s.worlds,
        // A scenario whose world the lab does not run cannot start here (409): the page says so.
        runnable: s.worlds.every((w) => running.has(w)),
        answer: s.answer,
      })),
    });
  });
  router.get('/v1/projector', ...access.tutor, (_req, res) => {
    const { incidents, diagnoses } = deps;
    const all = incidents.all().map((incident) => ({ incident, state: incidents.state(incident) }));
    res.json(projectorView(all, diagnoses.scoreboard()));
  });
}

/** The models a diagnosis may name, their features, and the kinds: what the diagnosis form offers. */
export function catalogueOf(worlds: readonly World[]) {
  return {
    models: worlds.map((w) => ({
      name: w.name,
      title: w.title,
      task: w.task,
      features: w.features.map((f) => f.name),
    })),
    kinds: DIAGNOSIS_KINDS,
  };
}
