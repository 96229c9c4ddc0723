import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getWorld, resolveScenario, Simulation } from '@driftlab/simulator';
import { IncidentManager, type TeamLab } from '../incidents';
import { LabRecord } from '../record';
import { Diagnoses, NO_INCIDENT, PENDING_REVEAL } from './diagnoses';
import { servedModelsOf } from './limits';

/*
 * What a team is told of its diagnoses and sees on the scoreboard, over the lab's real incidents
 * and record: two teams, each with a credit simulation.
 */

const TEAMS = ['team-1', 'team-2'];
let dir: string;
let record: LabRecord;
let incidents: IncidentManager;
let diagnoses: Diagnoses;
let simulations: Map<string, Simulation>;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'driftlab-diagnoses-'));
  record = new LabRecord(join(dir, 'lab-record.sqlite'));
  simulations = new Map(
    TEAMS.map((team, i) => {
      const simulation = new Simulation({ world: getWorld('credit')!, seed: i + 1 });
      simulation.next();
      return [team, simulation];
    }),
  );
  const labs = new Map<string, TeamLab>(
    [...simulations].map(([team, s]) => [team, { simulations: [s], now: () => s.now }]),
  );
  incidents = new IncidentManager(labs, record);
  diagnoses = new Diagnoses(incidents, record, servedModelsOf([getWorld('credit')!]));
});

afterEach(() => {
  record.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Runs `team`'s traffic until the incident's first affected request: its onset. */
function untilOnset(team: string, id: string): number {
  const simulation = simulations.get(team)!;
  while (!incidents.get(id).onset.has(team)) incidents.observe(team, simulation.next());
  return incidents.get(id).onset.get(team)!;
}

const scenario = resolveScenario('credit-income-drop');
const diagnosis = (since: number) => ({
  model: 'credit',
  kind: 'covariate' as const,
  features: ['annual_income'],
  since,
});

describe("a team's diagnoses", () => {
  it('says so when no incident concerns the team, and still records the diagnosis', () => {
    // One for team-2 only, begun: team-1 has nothing to be scored against.
    const other = incidents.start({ scenario, mode: 'announced', teams: ['team-2'], actor: 'tutor' });
    untilOnset('team-2', other.id);
    const entry = diagnoses.submit('team-1', diagnosis(Date.now()), 'nothing looks wrong');
    expect(entry).toMatchObject({ incident: null, score: null });
    expect(diagnoses.feedback(entry)).toMatchObject({ pending: NO_INCIDENT });
    expect(diagnoses.feedback(entry)).not.toHaveProperty('score');
    expect(NO_INCIDENT).toMatch(/^no incident concerns your team now/);
    const [event] = record.events({ prefix: 'diagnosis.submit' });
    expect([event.actor, event.outcome]).toEqual(['team:team-1', 'no incident had begun']);
    expect(diagnoses.feedbackFor('team-1')).toHaveLength(1);
  });

  it('says the score waits for the reveal when an incident of the team has begun', () => {
    const hidden = incidents.start({ scenario, mode: 'hidden', actor: 'tutor' });
    const entry = diagnoses.submit('team-1', diagnosis(untilOnset('team-1', hidden.id)), '');
    expect(diagnoses.feedback(entry)).toMatchObject({ pending: PENDING_REVEAL });
    incidents.reveal(hidden.id, 'tutor');
    expect(diagnoses.feedback(entry).score?.total).toBeGreaterThan(50);
  });
});

describe('the scoreboard by principal', () => {
  it("gives a team its own rows, of the incidents it knows of; the tutor's has every row", () => {
    const hidden = incidents.start({ scenario, mode: 'hidden', actor: 'tutor' });
    const announced = incidents.start({ scenario, mode: 'announced', teams: ['team-2'], actor: 'tutor' });
    diagnoses.submit('team-1', diagnosis(untilOnset('team-1', hidden.id)), '');
    expect(diagnoses.scoreboard().map((r) => [r.incident, r.team])).toEqual([
      [hidden.id, 'team-1'],
      [hidden.id, 'team-2'],
      [announced.id, 'team-2'],
    ]);
    // Before the reveal team-1 sees no row of the hidden incident; team-2 its announced one, unscored.
    expect(diagnoses.scoreboardFor('team-1')).toEqual([]);
    expect(diagnoses.scoreboardFor('team-2')).toEqual([
      expect.objectContaining({ incident: announced.id, team: 'team-2', scenario: null, best: null }),
    ]);
    expect(JSON.stringify(diagnoses.scoreboardFor('team-2'))).not.toContain(scenario.id);

    incidents.reveal(hidden.id, 'tutor');
    const [mine] = diagnoses.scoreboardFor('team-1');
    expect(diagnoses.scoreboardFor('team-1')).toHaveLength(1);
    expect(mine).toMatchObject({
      incident: hidden.id,
      team: 'team-1',
      scenario: scenario.id,
      submissions: 1,
    });
    expect(mine.best).toBeGreaterThan(50);
    // And the incident list tells it what it was.
    expect(incidents.studentView('team-1')).toEqual([
      expect.objectContaining({
        id: hidden.id,
        revealed: true,
        answer: expect.objectContaining({ kind: 'covariate' }),
      }),
    ]);
  });
});
