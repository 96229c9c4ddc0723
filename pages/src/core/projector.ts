import type { IncidentState, ProjectorView } from '../api/types';

/*
 * The lecture screen's model of GET /v1/projector: one card per incident a class may know of, its
 * teams ranked once it is revealed (best score, then time to detect), and until then only who has
 * sent a diagnosis. Pure: the projector page renders it as it is.
 */

export interface ProjectorTeamLine {
  readonly team: string;
  readonly submissions: number;
  /** 1-based, once revealed; ties share a rank. */
  readonly rank: number | null;
  readonly best: number | null;
  readonly timeToDetectSeconds: number | null;
  readonly timeToRecoverSeconds: number | null;
}

export interface ProjectorCard {
  readonly id: string;
  readonly title: string;
  readonly state: IncidentState;
  /** What the class reads as its status. */
  readonly status: string;
  readonly revealed: boolean;
  readonly what: string | undefined;
  readonly teams: readonly ProjectorTeamLine[];
}

const STATUS: Record<IncidentState, string> = {
  scheduled: 'Coming up',
  running: 'Under way',
  paused: 'Paused',
  ended: 'Over',
  aborted: 'Called off',
};

/** Newest incidents first: the one a lecture is about is at the top. */
export function projectorCards(view: ProjectorView): ProjectorCard[] {
  return [...view.incidents].reverse().map((incident) => {
    const rows = view.scoreboard.filter((r) => r.incident === incident.id);
    const byTeam = new Map(rows.map((r) => [r.team, r]));
    const lines = incident.teams.map((team) => {
      const row = byTeam.get(team);
      return {
        team,
        submissions: row?.submissions ?? 0,
        best: incident.revealed ? (row?.best ?? null) : null,
        timeToDetectSeconds: incident.revealed ? (row?.timeToDetectSeconds ?? null) : null,
        timeToRecoverSeconds: incident.revealed ? (row?.timeToRecoverSeconds ?? null) : null,
      };
    });
    return {
      id: incident.id,
      title: incident.title,
      state: incident.state,
      status: incident.revealed ? `${STATUS[incident.state]} · revealed` : STATUS[incident.state],
      revealed: incident.revealed,
      what: incident.revealed ? incident.what : undefined,
      teams: incident.revealed ? ranked(lines) : lines.map((l) => ({ ...l, rank: null })),
    };
  });
}

/** Best score first (no score last), then the quicker detection; equal teams share a rank. */
function ranked(lines: readonly Omit<ProjectorTeamLine, 'rank'>[]): ProjectorTeamLine[] {
  const key = (l: Omit<ProjectorTeamLine, 'rank'>) =>
    [-(l.best ?? -Infinity), l.timeToDetectSeconds ?? Infinity] as const;
  const sorted = [...lines].sort((a, b) => {
    const [ka, kb] = [key(a), key(b)];
    return ka[0] - kb[0] || ka[1] - kb[1] || a.team.localeCompare(b.team);
  });
  const out: ProjectorTeamLine[] = [];
  sorted.forEach((line, i) => {
    const previous = out[i - 1];
    const tied =
      previous !== undefined &&
      previous.best === line.best &&
      previous.timeToDetectSeconds === line.timeToDetectSeconds;
    out.push({ ...line, rank: line.best === null ? null : tied ? previous.rank : i + 1 });
  });
  return out;
}
