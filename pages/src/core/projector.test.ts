import type { ProjectorView } from '../api/types';
import { projectorCards } from './projector';

const row = (incident: string, team: string, best: number | null, ttd: number | null, submissions = 1) => ({
  incident,
  team,
  submissions,
  best,
  timeToDetectSeconds: ttd,
  timeToRecoverSeconds: best === null ? null : 600,
});

const VIEW: ProjectorView = {
  incidents: [
    {
      id: 'inc-1',
      title: 'Older',
      state: 'ended',
      teams: ['a', 'b', 'c', 'd'],
      revealed: true,
      what: 'It was X.',
    },
    { id: 'inc-2', title: 'Newer', state: 'running', teams: ['a', 'b'], revealed: false },
  ],
  scoreboard: [
    row('inc-1', 'a', 60, 300),
    row('inc-1', 'b', 90, 500),
    row('inc-1', 'c', 60, 300),
    row('inc-2', 'b', null, null, 2),
  ],
};

describe('the projector cards', () => {
  const [newer, older] = projectorCards(VIEW);

  it('put the newest incident first and say its status in words', () => {
    expect([newer.id, newer.status]).toEqual(['inc-2', 'Under way']);
    expect([older.id, older.status, older.what]).toEqual(['inc-1', 'Over · revealed', 'It was X.']);
  });

  it('rank teams once revealed: best score, then quicker detection; ties share a rank, no score comes last', () => {
    expect(older.teams.map((t) => [t.team, t.rank, t.best])).toEqual([
      ['b', 1, 90],
      ['a', 2, 60],
      ['c', 2, 60],
      ['d', null, null],
    ]);
  });

  it('show only who has sent a diagnosis before the reveal, in the order the incident lists its teams', () => {
    expect(newer.what).toBeUndefined();
    expect(newer.teams).toEqual([
      {
        team: 'a',
        submissions: 0,
        rank: null,
        best: null,
        timeToDetectSeconds: null,
        timeToRecoverSeconds: null,
      },
      {
        team: 'b',
        submissions: 2,
        rank: null,
        best: null,
        timeToDetectSeconds: null,
        timeToRecoverSeconds: null,
      },
    ]);
  });
});
