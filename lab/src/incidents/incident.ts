// What the lab keeps of one incident, shared by the manager and its restoration from the record.
import type { Scenario } from '@driftlab/simulator';

/** Hidden: students see only the effects; announced: also the title and the brief. */
export const INCIDENT_MODES = ['hidden', 'announced'] as const;
export type IncidentMode = (typeof INCIDENT_MODES)[number];

/** What a tutor may do to a started incident (POST /v1/incidents/{id}/{action}). */
export const INCIDENT_ACTIONS = ['pause', 'resume', 'abort', 'reveal'] as const;
export type IncidentAction = (typeof INCIDENT_ACTIONS)[number];

export const INCIDENT_STATES = ['scheduled', 'running', 'paused', 'ended', 'aborted'] as const;
export type IncidentState = (typeof INCIDENT_STATES)[number];

export interface Incident {
  readonly id: string;
  readonly scenario: Scenario;
  readonly mode: IncidentMode;
  readonly teams: readonly string[];
  /** Simulated time of the scenario's time 0. */
  readonly at: number;
  /** Wall-clock ms the incident was started. */
  readonly createdAt: number;
  /** Wall-clock ms of the first request it affected, per team (absent until then). */
  readonly onset: Map<string, number>;
  /** The same first request's simulated time, per team: where it sits on the traffic's own clock. */
  readonly onsetSimulated: Map<string, number>;
  /** Whether teams see their diagnosis scores at once (else after `reveal`). */
  feedback: boolean;
  revealed: boolean;
  paused: boolean;
  aborted: boolean;
  /** Started in an earlier run (rebuilt from the record): it no longer acts. */
  readonly restored?: boolean;
}
