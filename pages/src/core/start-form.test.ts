import { checkStartForm, INITIAL_START_FORM, toggleTeam, type StartFormState } from './start-form';

const LAB = { runnable: ['credit-income-drop', 'credit-error-storm'], teams: ['team-1', 'team-2', 'team-3'] };
const NOW = Date.parse('2026-11-27T10:00:00Z');

const form = (changes: Partial<StartFormState>): StartFormState => ({
  ...INITIAL_START_FORM,
  scenario: 'credit-income-drop',
  ...changes,
});

describe('checkStartForm', () => {
  it('starts a hidden incident now for every team without feedback by default', () => {
    expect(checkStartForm(form({}), LAB, NOW)).toEqual({
      ok: true,
      body: { scenario: 'credit-income-drop', mode: 'hidden', teams: 'all', feedback: false },
    });
  });

  it('sends the mode, the feedback and the chosen teams in the lab’s order', () => {
    const check = checkStartForm(
      form({ mode: 'announced', feedback: true, teams: 'chosen', chosenTeams: ['team-3', 'team-1'] }),
      LAB,
      NOW,
    );
    expect(check).toEqual({
      ok: true,
      body: {
        scenario: 'credit-income-drop',
        mode: 'announced',
        teams: ['team-1', 'team-3'],
        feedback: true,
      },
    });
  });

  it('turns "in N minutes" into a duration of simulated time', () => {
    const check = checkStartForm(form({ when: 'in', inMinutes: ' 90 ' }), LAB, NOW);
    expect(check.ok && check.body.at).toBe('90m');
    const half = checkStartForm(form({ when: 'in', inMinutes: '2.5' }), LAB, NOW);
    expect(half.ok && half.body.at).toBe('2.5m');
  });

  it('turns a wall-clock time into an ISO time', () => {
    const local = '2026-11-29T12:00';
    const check = checkStartForm(form({ when: 'at', atLocal: local }), LAB, NOW);
    expect(check.ok && check.body.at).toBe(new Date(local).toISOString());
  });

  it('leaves `at` out when starting now, whatever the other fields hold', () => {
    const check = checkStartForm(form({ when: 'now', inMinutes: 'x', atLocal: 'y' }), LAB, NOW);
    expect(check.ok && 'at' in check.body).toBe(false);
  });

  it.each([
    [{ scenario: '' }, 'scenario', 'Scenario: choose a scenario to start'],
    [
      { scenario: 'fraud-attack-wave' },
      'scenario',
      'Scenario: "fraud-attack-wave" is not one this lab can run',
    ],
    [
      { when: 'in', inMinutes: '' },
      'inMinutes',
      'Minutes from now: expected a number of minutes such as 30, got ""',
    ],
    [
      { when: 'in', inMinutes: '-5' },
      'inMinutes',
      'Minutes from now: expected a number of minutes such as 30, got "-5"',
    ],
    [
      { when: 'in', inMinutes: '1e3' },
      'inMinutes',
      'Minutes from now: expected a number of minutes such as 30, got "1e3"',
    ],
    [{ when: 'in', inMinutes: '0' }, 'inMinutes', 'Minutes from now: expected more than 0 (or choose "now")'],
    [
      { when: 'in', inMinutes: '600000' },
      'inMinutes',
      'Minutes from now: expected at most 525600 (a year of simulated time)',
    ],
    [{ when: 'at', atLocal: '' }, 'atLocal', 'Start time: choose a date and time'],
    [{ when: 'at', atLocal: 'tomorrow' }, 'atLocal', 'Start time: expected a date and time, got "tomorrow"'],
    [
      { when: 'at', atLocal: '2020-01-01T09:00' },
      'atLocal',
      'Start time: that time has passed; choose one to come',
    ],
    [{ teams: 'chosen', chosenTeams: [] }, 'teams', 'Teams: choose at least one team'],
    [{ teams: 'chosen', chosenTeams: ['team-9'] }, 'teams', 'Teams: choose at least one team'],
  ] as [Partial<StartFormState>, string, string][])(
    'refuses %p, naming the field',
    (changes, field, message) => {
      expect(checkStartForm(form(changes), LAB, NOW)).toEqual({ ok: false, errors: { [field]: message } });
    },
  );

  it('names every bad field at once', () => {
    const check = checkStartForm(form({ scenario: '', teams: 'chosen' }), LAB, NOW);
    expect(check.ok ? [] : Object.keys(check.errors)).toEqual(['scenario', 'teams']);
  });
});

describe('toggleTeam', () => {
  it('adds and removes a team, keeping the lab’s order', () => {
    const order = ['team-1', 'team-2', 'team-3'];
    expect(toggleTeam(['team-3'], 'team-1', true, order)).toEqual(['team-1', 'team-3']);
    expect(toggleTeam(['team-1', 'team-3'], 'team-1', false, order)).toEqual(['team-3']);
    expect(toggleTeam(['team-1'], 'team-1', true, order)).toEqual(['team-1']);
  });
});
