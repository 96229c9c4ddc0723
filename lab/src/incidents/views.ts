import type { AnswerKey } from '@driftlab/simulator';
import type { Incident, IncidentState } from './incident';

/*
 * What a team may know of an incident (docs/incidents.md, "What students can and cannot see"):
 *
 *   hidden, not revealed   nothing: not its id, its name, its title, nor that it exists
 *   announced              its id, title, brief and state
 *   revealed               also what it was: the scenario id, the answer key's kind, model, features
 *                          and what, and when it began for the team (its onset)
 *
 * Only for the teams it concerned. Scores on it reach a team when the tutor allowed feedback or
 * revealed it. Pure: the routes and the scoreboard ask these, never the incident's fields directly.
 */

/** What a team is told of a revealed incident's answer key (the tutor's view has the same values). */
export type RevealedAnswer = Pick<AnswerKey, 'kind' | 'model' | 'features' | 'what'>;

/** The part of an answer key a team is told once the incident is revealed. */
export function revealedAnswerOf({ kind, model, features, what }: AnswerKey): RevealedAnswer {
  return { kind, model, features, what };
}

/** What a student may see of an incident: see incidentViewFor. */
export interface StudentIncidentView {
  readonly id: string;
  readonly title: string;
  readonly brief: string;
  readonly state: IncidentState;
  /** Present (true) once the tutor revealed it, with the scenario, the answer and the onset. */
  readonly revealed?: true;
  readonly scenario?: string;
  readonly answer?: RevealedAnswer;
  /** Wall-clock ISO time of the first request it affected in the team's lab, once revealed. */
  readonly onset?: string;
}

type Disclosed = Pick<Incident, 'mode' | 'revealed' | 'teams'>;

/** Whether `team` may see the incident at all: announced to it, or revealed, and it concerned the team. */
export function visibleTo(incident: Disclosed, team: string): boolean {
  return incident.teams.includes(team) && (incident.mode === 'announced' || incident.revealed);
}

/** Whether teams may see their scores on the incident: feedback on, or revealed. */
export function scoresVisible(incident: Pick<Incident, 'feedback' | 'revealed'>): boolean {
  return incident.feedback || incident.revealed;
}

/** The incident as `team` may see it in `state`; null when it may see nothing of it. */
export function incidentViewFor(
  incident: Disclosed & Pick<Incident, 'id' | 'scenario' | 'onset'>,
  team: string,
  state: IncidentState,
): StudentIncidentView | null {
  if (!visibleTo(incident, team)) return null;
  const { scenario } = incident;
  const view = { id: incident.id, title: scenario.title, brief: scenario.brief, state };
  if (!incident.revealed) return view;
  const onset = incident.onset.get(team);
  return {
    ...view,
    revealed: true,
    scenario: scenario.id,
    answer: revealedAnswerOf(scenario.answer),
    ...(onset === undefined ? {} : { onset: new Date(onset).toISOString() }),
  };
}
