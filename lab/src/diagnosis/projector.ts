import type { Incident, IncidentState } from '../incidents';
import type { ScoreboardRow } from './scoreboard';

/*
 * What the lecture screen shows (GET /v1/projector; the projector page): nothing a team could not
 * learn from its own page, and nothing of one team that another could use. An incident shows once
 * it is announced or revealed; a hidden one does not exist until its reveal. Scores and times show
 * once the incident is revealed (the debrief), even where a tutor gave teams feedback earlier: on a
 * shared screen one team's score would tell the others whether their guess was right.
 */

export interface ProjectorIncident {
  readonly id: string;
  readonly title: string;
  readonly state: IncidentState;
  readonly teams: readonly string[];
  readonly revealed: boolean;
  /** Once revealed: what it was, in the answer key's own words. */
  readonly what?: string;
}

export interface ProjectorRow {
  readonly incident: string;
  readonly team: string;
  readonly submissions: number;
  /** Once the incident is revealed, else null. */
  readonly best: number | null;
  readonly timeToDetectSeconds: number | null;
  readonly timeToRecoverSeconds: number | null;
}

export interface ProjectorView {
  readonly incidents: readonly ProjectorIncident[];
  readonly scoreboard: readonly ProjectorRow[];
}

type Shown = Pick<Incident, 'id' | 'mode' | 'revealed' | 'teams' | 'scenario'>;

/** The projector's view of `incidents` (each with its state now) and the whole scoreboard `rows`. */
export function projectorView(
  incidents: readonly { incident: Shown; state: IncidentState }[],
  rows: readonly ScoreboardRow[],
): ProjectorView {
  const shown = incidents.filter(({ incident }) => incident.mode === 'announced' || incident.revealed);
  const revealed = new Map(shown.map(({ incident }) => [incident.id, incident.revealed]));
  return {
    incidents: shown.map(({ incident, state }) => ({
      id: incident.id,
      title: incident.scenario.title,
      state,
      teams: incident.teams,
      revealed: incident.revealed,
      ...(incident.revealed ? { what: incident.scenario.answer.what } : {}),
    })),
    scoreboard: rows.flatMap((row) => {
      if (!revealed.has(row.incident)) return [];
      const open = revealed.get(row.incident) === true;
      return [
        {
          incident: row.incident,
          team: row.team,
          submissions: row.submissions,
          best: open ? row.best : null,
          timeToDetectSeconds: open ? row.timeToDetectSeconds : null,
          timeToRecoverSeconds: open ? row.timeToRecoverSeconds : null,
        },
      ];
    }),
  };
}
