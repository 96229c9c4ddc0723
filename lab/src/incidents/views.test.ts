import { resolveScenario } from '@driftlab/simulator';
import type { Incident } from './incident';
import { incidentViewFor, scoresVisible, visibleTo } from './views';

/** An incident of team-1 and team-2, with its onset seen in team-1's lab only. */
function incident(fields: Partial<Incident> = {}): Incident {
  return {
    id: 'inc-4',
    scenario: resolveScenario('credit-income-drop'),
    mode: 'hidden',
    teams: ['team-1', 'team-2'],
    at: 0,
    createdAt: 0,
    onset: new Map([['team-1', Date.parse('2026-11-27T10:15:00Z')]]),
    onsetSimulated: new Map(),
    feedback: false,
    revealed: false,
    paused: false,
    aborted: false,
    ...fields,
  };
}

const scenario = resolveScenario('credit-income-drop');
/** Everything of the scenario a team must not see before the reveal. */
const secrets = [scenario.id, scenario.title, scenario.brief, scenario.answer.what];

describe('what a team may see of an incident', () => {
  it('sees nothing of a hidden incident before its reveal: not even that it exists', () => {
    const hidden = incident({ feedback: true });
    expect(visibleTo(hidden, 'team-1')).toBe(false);
    expect(incidentViewFor(hidden, 'team-1', 'running')).toBeNull();
  });

  it('sees the title and brief of one announced to it, nothing of what it was', () => {
    const view = incidentViewFor(incident({ mode: 'announced' }), 'team-1', 'running');
    expect(view).toEqual({ id: 'inc-4', title: scenario.title, brief: scenario.brief, state: 'running' });
    const text = JSON.stringify(view);
    for (const secret of [scenario.id, scenario.answer.what]) expect(text).not.toContain(secret);
  });

  it('sees, once revealed, what it was: the scenario, the answer key as the tutor has it, its own onset', () => {
    for (const mode of ['hidden', 'announced'] as const)
      expect(incidentViewFor(incident({ mode, revealed: true }), 'team-1', 'ended')).toEqual({
        id: 'inc-4',
        title: scenario.title,
        brief: scenario.brief,
        state: 'ended',
        revealed: true,
        scenario: scenario.id,
        answer: {
          kind: scenario.answer.kind,
          model: scenario.answer.model,
          features: scenario.answer.features,
          what: scenario.answer.what,
        },
        onset: '2026-11-27T10:15:00.000Z',
      });
    // A team whose lab the incident never reached has no onset to be told.
    const other = incidentViewFor(incident({ revealed: true }), 'team-2', 'ended');
    expect(other).toMatchObject({ revealed: true, scenario: scenario.id });
    expect(other).not.toHaveProperty('onset');
  });

  it('shows a team nothing of an incident that did not concern it, announced or revealed', () => {
    for (const fields of [
      { mode: 'announced' as const },
      { revealed: true },
      { mode: 'announced' as const, revealed: true },
    ]) {
      const other = incident({ ...fields, teams: ['team-2'] });
      expect(visibleTo(other, 'team-1')).toBe(false);
      const view = incidentViewFor(other, 'team-1', 'running');
      expect(view).toBeNull();
      for (const secret of secrets) expect(JSON.stringify(view)).not.toContain(secret);
    }
  });

  it('shows scores once the tutor allows feedback or reveals', () => {
    expect(scoresVisible(incident())).toBe(false);
    expect(scoresVisible(incident({ feedback: true }))).toBe(true);
    expect(scoresVisible(incident({ revealed: true }))).toBe(true);
    expect(scoresVisible(incident({ mode: 'announced' }))).toBe(false);
  });
});
