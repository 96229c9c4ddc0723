import type { Incident } from '../incidents';
import { teamScoreboard, type RowDisclosure, type ScoreboardRow } from './scoreboard';

/** A row of the tutor's scoreboard, every field filled in. */
const row = (incident: string, team: string): ScoreboardRow => ({
  incident,
  scenario: `scenario-of-${incident}`,
  title: `Title of ${incident}`,
  team,
  best: 90,
  last: 80,
  submissions: 2,
  timeToDetectSeconds: 120,
  timeToRecoverSeconds: 600,
});

const disclosure = (fields: Partial<Incident>): RowDisclosure => ({
  mode: 'hidden',
  revealed: false,
  feedback: false,
  teams: ['team-1', 'team-2'],
  ...fields,
});

/** inc-1 announced, inc-2 hidden, inc-3 hidden with feedback, inc-4 revealed, inc-5 announced with feedback. */
const INCIDENTS: Record<string, RowDisclosure> = {
  'inc-1': disclosure({ mode: 'announced' }),
  'inc-2': disclosure({}),
  'inc-3': disclosure({ feedback: true }),
  'inc-4': disclosure({ revealed: true }),
  'inc-5': disclosure({ mode: 'announced', feedback: true }),
};
const ROWS = Object.keys(INCIDENTS).flatMap((id) => [row(id, 'team-1'), row(id, 'team-2')]);
const board = (team: string) => teamScoreboard(ROWS, team, (id) => INCIDENTS[id]);

describe("a team's scoreboard", () => {
  it("has the team's own rows only, of the incidents announced to it or revealed", () => {
    for (const team of ['team-1', 'team-2']) {
      const rows = board(team);
      expect(rows.map((r) => r.team)).toEqual(rows.map(() => team));
      expect(rows.map((r) => r.incident)).toEqual(['inc-1', 'inc-4', 'inc-5']);
    }
  });

  it('leaves out every row of a hidden incident before its reveal, feedback or not: nothing of it leaks', () => {
    const text = JSON.stringify(board('team-1'));
    for (const id of ['inc-2', 'inc-3']) {
      expect(text).not.toContain(`"${id}"`);
      expect(text).not.toContain(`scenario-of-${id}`);
      expect(text).not.toContain(`Title of ${id}`);
    }
  });

  it('names the scenario only once revealed, and shows scores and times as the diagnoses do', () => {
    const [announced, revealed, feedback] = board('team-1');
    expect(announced).toEqual({
      ...row('inc-1', 'team-1'),
      scenario: null,
      best: null,
      last: null,
      timeToDetectSeconds: null,
      timeToRecoverSeconds: null,
    });
    expect(revealed).toEqual(row('inc-4', 'team-1'));
    expect(feedback).toEqual({ ...row('inc-5', 'team-1'), scenario: null });
  });

  it('shows a team no row of an incident that did not concern it, nor one unknown', () => {
    const only2: Record<string, RowDisclosure> = {
      ...INCIDENTS,
      'inc-4': disclosure({ revealed: true, teams: ['team-2'] }),
    };
    const rows = teamScoreboard(ROWS, 'team-1', (id) => only2[id]);
    expect(rows.map((r) => r.incident)).toEqual(['inc-1', 'inc-5']);
    expect(teamScoreboard(ROWS, 'team-1', () => undefined)).toEqual([]);
  });
});
