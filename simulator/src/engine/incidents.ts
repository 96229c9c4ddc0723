/** Live incidents: the types of `Simulation`'s incident control and what it reports. */

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
