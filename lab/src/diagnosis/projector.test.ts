import type { Incident } from '../incidents';
import { projectorView } from './projector';
import type { ScoreboardRow } from './scoreboard';

const incident = (id: string, fields: Partial<Incident>) =>
  ({
    id,
    mode: 'hidden',
    revealed: false,
    teams: ['team-1', 'team-2'],
    scenario: { title: `Title of ${id}`, answer: { what: `secret what of ${id}` } },
    ...fields,
  }) as Pick<Incident, 'id' | 'mode' | 'revealed' | 'teams' | 'scenario'>;

const row = (id: string, team: string): ScoreboardRow => ({
  incident: id,
  scenario: `scenario-of-${id}`,
  title: `Title of ${id}`,
  team,
  best: 77,
  last: 60,
  submissions: 3,
  timeToDetectSeconds: 120,
  timeToRecoverSeconds: 900,
});

/** inc-1 hidden, inc-2 announced, inc-3 hidden then revealed. */
const INCIDENTS = [
  { incident: incident('inc-1', {}), state: 'running' as const },
  { incident: incident('inc-2', { mode: 'announced' }), state: 'running' as const },
  { incident: incident('inc-3', { revealed: true }), state: 'ended' as const },
];
const ROWS = ['inc-1', 'inc-2', 'inc-3'].flatMap((id) => [row(id, 'team-1'), row(id, 'team-2')]);

describe('the projector view', () => {
  const view = projectorView(INCIDENTS, ROWS);

  it('shows announced and revealed incidents only; nothing of a hidden one, not even its id', () => {
    expect(view.incidents.map((i) => i.id)).toEqual(['inc-2', 'inc-3']);
    const text = JSON.stringify(view);
    expect(text).not.toContain('inc-1');
    expect(text).not.toContain('Title of inc-1');
  });

  it('never names a scenario, and says what it was only once revealed', () => {
    const text = JSON.stringify(view);
    expect(text).not.toContain('scenario-of-');
    expect(view.incidents[0]).not.toHaveProperty('what');
    expect(view.incidents[1]).toEqual({
      id: 'inc-3',
      title: 'Title of inc-3',
      state: 'ended',
      teams: ['team-1', 'team-2'],
      revealed: true,
      what: 'secret what of inc-3',
    });
    expect(text).not.toContain('secret what of inc-2');
  });

  it('shows scores and times only after the reveal, submissions throughout', () => {
    const announced = view.scoreboard.filter((r) => r.incident === 'inc-2');
    expect(announced).toEqual(
      ['team-1', 'team-2'].map((team) => ({
        incident: 'inc-2',
        team,
        submissions: 3,
        best: null,
        timeToDetectSeconds: null,
        timeToRecoverSeconds: null,
      })),
    );
    const revealed = view.scoreboard.filter((r) => r.incident === 'inc-3');
    expect(revealed.map((r) => [r.team, r.best, r.timeToDetectSeconds, r.timeToRecoverSeconds])).toEqual([
      ['team-1', 77, 120, 900],
      ['team-2', 77, 120, 900],
    ]);
  });
});
