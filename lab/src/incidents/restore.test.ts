import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getWorld, resolveScenario, Simulation } from '@driftlab/simulator';
import { Diagnoses, servedModelsOf } from '../diagnosis';
import { LabRecord } from '../record';
import { IncidentManager, type TeamLab } from './incident-manager';
import { revealedAnswerOf } from './views';

/** One team's lab with a credit simulation, as the live loop gives it. */
function teamLab(): { labs: Map<string, TeamLab>; simulation: Simulation } {
  const simulation = new Simulation({ world: getWorld('credit')!, seed: 1 });
  simulation.next();
  return {
    simulation,
    labs: new Map([['team-1', { simulations: [simulation], now: () => simulation.now }]]),
  };
}

describe('a restarted lab', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'driftlab-restore-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('lists the incidents, scores and diagnoses of its earlier runs, and numbers on from them', () => {
    const file = join(dir, 'lab-record.sqlite');
    const before = new LabRecord(file);
    const first = teamLab();
    const incidents = new IncidentManager(first.labs, before);
    const diagnoses = new Diagnoses(incidents, before, servedModelsOf([getWorld('credit')!]));
    const scenario = resolveScenario('credit-income-drop');
    const drop = incidents.start({ scenario, mode: 'announced', feedback: true, actor: 'tutor' });
    const other = incidents.start({ scenario, mode: 'hidden', delay: 3600_000, actor: 'tutor' });
    // Traffic until the first affected request: the onset.
    for (
      let e = first.simulation.next();
      incidents.get(drop.id).onset.size === 0;
      e = first.simulation.next()
    )
      incidents.observe('team-1', e);
    const since = incidents.get(drop.id).onset.get('team-1')!;
    const submitted = diagnoses.submit(
      'team-1',
      { model: 'credit', kind: 'covariate', features: ['annual_income'], since },
      'incomes fell',
    );
    expect(submitted.score!.total).toBeGreaterThan(50);
    incidents.abort(other.id, 'tutor');
    incidents.reveal(drop.id, 'tutor');
    const board = diagnoses.scoreboard();
    before.close();

    const after = new LabRecord(file);
    const restarted = new IncidentManager(teamLab().labs, after);
    const again = new Diagnoses(restarted, after, servedModelsOf([getWorld('credit')!]));
    expect(restarted.all().map((i) => [i.id, restarted.state(i), i.revealed, i.mode])).toEqual([
      [drop.id, 'ended', true, 'announced'],
      [other.id, 'aborted', false, 'hidden'],
    ]);
    expect(restarted.tutorView(restarted.get(drop.id))).toMatchObject({
      scenario: 'credit-income-drop',
      onset: { 'team-1': new Date(since).toISOString() },
      answer: scenario.answer,
    });
    // Revealed before the restart: the team is still told what it was, the hidden one stays unseen.
    expect(restarted.studentView('team-1')).toEqual([
      {
        id: drop.id,
        title: scenario.title,
        brief: scenario.brief,
        state: 'ended',
        revealed: true,
        scenario: scenario.id,
        answer: revealedAnswerOf(scenario.answer),
        onset: new Date(since).toISOString(),
      },
    ]);
    expect(again.scoreboardFor('team-1')).toEqual([
      expect.objectContaining({ incident: drop.id, scenario: scenario.id, submissions: 1 }),
    ]);
    expect(again.scoreboard()).toEqual(board);
    expect(again.feedbackFor('team-1')).toEqual([diagnoses.feedback(submitted)]);
    // What ran in an earlier run no longer acts: it cannot be paused; new ones number on.
    expect(() => restarted.pause(drop.id, 'tutor')).toThrow(/ran in an earlier run/);
    expect(restarted.start({ scenario, mode: 'hidden', actor: 'tutor' }).id).toBe('inc-3');
    const next = again.submit('team-1', { model: 'credit', kind: 'covariate', features: [], since }, '');
    expect(next.id).toBe(2);
    after.close();
  });
});
