/*
 * The control room's "Start an incident" form as data: what the tutor chose, checked here before it
 * becomes the body of POST /v1/incidents, each problem naming its field as the lab's own 400s do.
 */
import type { IncidentMode } from '../api/types';
import { localInputToIso } from './format';

export type StartWhen = 'now' | 'in' | 'at';
export type StartTeams = 'all' | 'chosen';

export interface StartFormState {
  readonly scenario: string;
  readonly mode: IncidentMode;
  readonly when: StartWhen;
  /** Minutes of simulated time from now, as typed (when: 'in'). */
  readonly inMinutes: string;
  /** An `<input type="datetime-local">` value in the browser's zone (when: 'at'). */
  readonly atLocal: string;
  readonly teams: StartTeams;
  readonly chosenTeams: readonly string[];
  readonly feedback: boolean;
}

/** POST /v1/incidents as the control room sends it. */
export interface StartRequestBody {
  readonly scenario: string;
  readonly mode: IncidentMode;
  /** A duration of simulated time ("30m") or an ISO wall-clock time to come; absent: now. */
  readonly at?: string;
  readonly teams: 'all' | string[];
  readonly feedback: boolean;
}

export type StartField = 'scenario' | 'inMinutes' | 'atLocal' | 'teams';
export type StartErrors = Partial<Record<StartField, string>>;

export type StartCheck =
  | { readonly ok: true; readonly body: StartRequestBody }
  | { readonly ok: false; readonly errors: StartErrors };

export const INITIAL_START_FORM: StartFormState = {
  scenario: '',
  mode: 'hidden',
  when: 'now',
  inMinutes: '30',
  atLocal: '',
  teams: 'all',
  chosenTeams: [],
  feedback: false,
};

/** The lab schedules no further ahead than a year of simulated time (control-routes.ts). */
const MAX_MINUTES = 365 * 24 * 60;

/** `at` for "in N minutes", or the problem with N. */
function minutesAt(typed: string): { at: string } | { error: string } {
  const text = typed.trim();
  // The lab's duration syntax takes plain decimals only ("1e3m" or "-5m" it would refuse).
  if (!/^\d+(\.\d+)?$/.test(text))
    return { error: `Minutes from now: expected a number of minutes such as 30, got "${typed}"` };
  const minutes = Number(text);
  if (minutes <= 0) return { error: 'Minutes from now: expected more than 0 (or choose "now")' };
  if (minutes > MAX_MINUTES)
    return { error: `Minutes from now: expected at most ${MAX_MINUTES} (a year of simulated time)` };
  return { at: `${text}m` };
}

/** `at` for a wall-clock time, or the problem with it. */
function wallClockAt(local: string, now: number): { at: string } | { error: string } {
  if (!local) return { error: 'Start time: choose a date and time' };
  const iso = localInputToIso(local);
  if (iso === null) return { error: `Start time: expected a date and time, got "${local}"` };
  if (Date.parse(iso) <= now) return { error: 'Start time: that time has passed; choose one to come' };
  return { at: iso };
}

/**
 * The request body for `state`, or every problem with it. `runnable` are the scenario ids the lab
 * can start, `teams` the lab's team ids.
 */
export function checkStartForm(
  state: StartFormState,
  lab: { readonly runnable: readonly string[]; readonly teams: readonly string[] },
  now: number = Date.now(),
): StartCheck {
  const errors: StartErrors = {};
  if (!state.scenario) errors.scenario = 'Scenario: choose a scenario to start';
  else if (!lab.runnable.includes(state.scenario))
    errors.scenario = `Scenario: "${state.scenario}" is not one this lab can run`;

  let at: string | undefined;
  if (state.when !== 'now') {
    const outcome = state.when === 'in' ? minutesAt(state.inMinutes) : wallClockAt(state.atLocal, now);
    if ('error' in outcome) errors[state.when === 'in' ? 'inMinutes' : 'atLocal'] = outcome.error;
    else at = outcome.at;
  }

  // Only teams the lab still has: a list loaded before a restart may name one it no longer runs.
  const chosen = lab.teams.filter((t) => state.chosenTeams.includes(t));
  if (state.teams === 'chosen' && chosen.length === 0) errors.teams = 'Teams: choose at least one team';

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    body: {
      scenario: state.scenario,
      mode: state.mode,
      ...(at === undefined ? {} : { at }),
      teams: state.teams === 'all' ? 'all' : chosen,
      feedback: state.feedback,
    },
  };
}

/** `chosen` with `team` added or taken out, in the lab's order of teams. */
export function toggleTeam(
  chosen: readonly string[],
  team: string,
  on: boolean,
  order: readonly string[],
): string[] {
  const next = new Set(chosen);
  if (on) next.add(team);
  else next.delete(team);
  return order.filter((t) => next.has(t));
}
