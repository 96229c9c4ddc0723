/**
 * Live incidents: the types of `Simulation`'s incident control, what it reports, and the checks
 * that refuse a malformed call before anything changes.
 */
import type { Step } from '../scenarios/types';

/** Where an incident stands at the simulation's last generated event. */
export type IncidentState = 'scheduled' | 'running' | 'paused' | 'ended' | 'aborted';

/** One live incident as `Simulation.incidents()` reports it (tutors only: it names the scenario). */
export interface IncidentStatus {
  readonly id: string;
  /** The id of the scenario it was started from. */
  readonly scenario: string;
  readonly state: IncidentState;
  /** Steps added to this simulation: 0 when the scenario targets other worlds only. */
  readonly steps: number;
  /**
   * Simulated epoch ms when its first step begins and its last step ends (Infinity when a step is
   * open-ended). Resuming moves the end later by the time paused, and the start too when the pause
   * came before it; while paused they show the schedule as it stood at the pause. Both are
   * `startedAt` when `steps` is 0.
   */
  readonly start: number;
  readonly end: number;
  /** The `at` it was started with: the scenario's time 0. */
  readonly startedAt: number;
  /** When the current pause began, or null when not paused. */
  readonly pausedAt: number | null;
  /** When it was aborted, or null. */
  readonly abortedAt: number | null;
}

/**
 * Why a control call was refused: `invalid` (a malformed id, time or scenario), `duplicate` (the
 * id is taken), `unknown` (no incident has the id), `state` (e.g. resuming a running incident),
 * `past` (the time is before the simulation's `now`).
 */
export type IncidentErrorCode = 'invalid' | 'duplicate' | 'unknown' | 'state' | 'past';

/** A refused incident control call; the simulation is left as it was. */
export class IncidentError extends Error {
  constructor(
    readonly code: IncidentErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'IncidentError';
  }
}

/** Epoch ms as ISO 8601 where a Date can hold it, for messages. */
export function formatTime(ms: number): string {
  return Number.isFinite(ms) && Math.abs(ms) <= 8.64e15 ? new Date(ms).toISOString() : String(ms);
}

/** A control call's kind, as messages name it. */
export type IncidentAction = 'start' | 'pause' | 'resume' | 'abort';

/** A non-empty id without "/" (it separates incident and step ids in names and paths) or control characters. */
function isValidId(id: unknown): id is string {
  if (typeof id !== 'string' || id === '') return false;
  for (let i = 0; i < id.length; i++) {
    const c = id.charCodeAt(i);
    if (c === 0x2f || c < 0x20 || c === 0x7f) return false;
  }
  return true;
}

export function checkIncidentId(id: string): void {
  if (!isValidId(id))
    throw new IncidentError(
      'invalid',
      `incident id: expected a non-empty string without "/" or control characters, got ${JSON.stringify(id)}`,
    );
}

/**
 * A call's time: finite, not before the simulation's `now`, nor before the incident's last call
 * (`lastCall`), since time only moves forward.
 */
export function checkCallTime(
  at: number,
  action: IncidentAction,
  id: string,
  now: number,
  lastCall = -Infinity,
): void {
  if (typeof at !== 'number' || !Number.isFinite(at))
    throw new IncidentError(
      'invalid',
      `${action} incident "${id}": at: expected finite epoch milliseconds, got ${String(at)}`,
    );
  if (at < now)
    throw new IncidentError(
      'past',
      `${action} incident "${id}": at ${formatTime(at)} is before the simulation's now ${formatTime(now)}: time only moves forward`,
    );
  if (at < lastCall)
    throw new IncidentError(
      'past',
      `${action} incident "${id}": at ${formatTime(at)} is before its last call, at ${formatTime(lastCall)}: time only moves forward`,
    );
}

/**
 * What compiling cannot see in an incident's step (`where` names it in messages): an id usable in
 * names and paths, unique within the incident (`seen` holds those before it), and a window that
 * starts at a finite time.
 */
export function checkIncidentStep(step: Step, where: string, seen: Set<string>): void {
  if (!isValidId(step.id))
    throw new IncidentError(
      'invalid',
      `${where}.id: expected a step id without "/", got ${JSON.stringify(step.id)}`,
    );
  if (seen.has(step.id))
    throw new IncidentError('invalid', `${where}.id: step id "${step.id}" is used twice`);
  seen.add(step.id);
  if (!(step.start >= 0 && step.start < Infinity))
    throw new IncidentError('invalid', `${where}.start: expected a non-negative duration, got ${step.start}`);
  if (!(step.duration >= 0))
    throw new IncidentError(
      'invalid',
      `${where}.duration: expected a non-negative duration, got ${step.duration}`,
    );
}
