import { builtinScenarios, type Scenario } from '@driftlab/simulator';
import type { LabEvent, LabRecord } from '../record';
import { INCIDENT_MODES, type Incident, type IncidentMode } from './incident';

/*
 * A restarted lab's incidents, rebuilt from the record: what a tutor started, for whom, its onset
 * per team, pauses, aborts and reveals, so the incident list, the scoreboard and scoring go on
 * after a restart. Their traffic was the earlier run's: a restored incident no longer acts (it is
 * `ended`, or `aborted` as the tutor left it) and cannot be paused, resumed or aborted again.
 */

/** Record events read back at most (a session has hundreds). */
const MOST_EVENTS = 1_000_000;

export function restoredIncidents(record: LabRecord): Incident[] {
  const byId = new Map<string, Incident>();
  for (const event of record.events({ prefix: 'incident.', limit: MOST_EVENTS })) {
    const p = event.params as { incident?: unknown };
    if (typeof p.incident !== 'string') continue;
    if (event.action === 'incident.start') {
      const incident = incidentOf(p.incident, event);
      if (incident) byId.set(incident.id, incident);
      continue;
    }
    const incident = byId.get(p.incident);
    if (incident) replay(incident, event);
  }
  return [...byId.values()];
}

function incidentOf(id: string, event: LabEvent): Incident | null {
  const p = event.params as {
    scenario?: unknown;
    definition?: unknown;
    mode?: unknown;
    teams?: unknown;
    feedback?: unknown;
    at?: unknown;
  };
  const scenario = scenarioOf(p.scenario, p.definition);
  if (!scenario || !Array.isArray(p.teams)) return null;
  const started = Date.parse(event.at);
  return {
    id,
    scenario,
    mode: INCIDENT_MODES.includes(p.mode as IncidentMode) ? (p.mode as IncidentMode) : 'hidden',
    teams: p.teams.filter((t): t is string => typeof t === 'string'),
    at: typeof p.at === 'number' ? p.at : started,
    createdAt: started,
    onset: new Map(),
    onsetSimulated: new Map(),
    feedback: p.feedback === true,
    revealed: false,
    paused: false,
    aborted: false,
    restored: true,
  };
}

/** The scenario as it was started: its definition when recorded, else the built-in of that id. */
function scenarioOf(id: unknown, definition: unknown): Scenario | null {
  if (definition && typeof definition === 'object') return definition as Scenario;
  return builtinScenarios().find((s) => s.id === id) ?? null;
}

function replay(incident: Incident, event: LabEvent): void {
  const p = event.params as { team?: unknown; wallTime?: unknown; simulatedTime?: unknown };
  switch (event.action) {
    case 'incident.onset':
      if (typeof p.team !== 'string' || incident.onset.has(p.team)) return;
      // The onset's own time; the record's (a moment later) for events written before it was kept.
      incident.onset.set(p.team, Date.parse(typeof p.wallTime === 'string' ? p.wallTime : event.at));
      if (typeof p.simulatedTime === 'string')
        incident.onsetSimulated.set(p.team, Date.parse(p.simulatedTime));
      return;
    case 'incident.pause':
      incident.paused = true;
      return;
    case 'incident.resume':
      incident.paused = false;
      return;
    case 'incident.abort':
      incident.aborted = true;
      return;
    case 'incident.reveal':
      incident.revealed = true;
  }
}
