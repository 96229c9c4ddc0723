import { scoresVisible, visibleTo, type Incident } from '../incidents';

/*
 * The scoreboard as each principal may see it (docs/incidents.md, "Scoring"). The tutor sees every
 * row. A team sees its own rows only, and of those only the incidents it knows of: announced to it,
 * or revealed. A hidden incident's row stays out until the reveal (its very existence, and which
 * incident a diagnosis matched best, would give the incident away). The scenario id waits for the
 * reveal; the scores and times wait, as in the team's diagnoses, for feedback or the reveal.
 */

/** One team's standing on one incident. */
export interface ScoreboardRow {
  readonly incident: string;
  /** The scenario id; null for a team until the incident is revealed. */
  readonly scenario: string | null;
  readonly title: string;
  readonly team: string;
  readonly best: number | null;
  readonly last: number | null;
  readonly submissions: number;
  readonly timeToDetectSeconds: number | null;
  readonly timeToRecoverSeconds: number | null;
}

/** What the scoreboard needs to know of an incident to show a team its row. */
export type RowDisclosure = Pick<Incident, 'mode' | 'revealed' | 'feedback' | 'teams'>;

/**
 * `team`'s rows of the whole scoreboard `rows`, as the team may see them; `incident` gives an
 * incident by id (undefined: unknown, its rows left out).
 */
export function teamScoreboard(
  rows: readonly ScoreboardRow[],
  team: string,
  incident: (id: string) => RowDisclosure | undefined,
): ScoreboardRow[] {
  return rows.flatMap((row) => {
    const known = incident(row.incident);
    if (row.team !== team || !known || !visibleTo(known, team)) return [];
    const scores = scoresVisible(known);
    return [
      {
        ...row,
        scenario: known.revealed ? row.scenario : null,
        best: scores ? row.best : null,
        last: scores ? row.last : null,
        timeToDetectSeconds: scores ? row.timeToDetectSeconds : null,
        timeToRecoverSeconds: scores ? row.timeToRecoverSeconds : null,
      },
    ];
  });
}
