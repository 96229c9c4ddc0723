import { resetSummary } from './lab-reset';

describe('resetSummary', () => {
  it.each([
    [
      { aborted: ['inc-1', 'inc-2'], models: {} },
      'Aborted inc-1, inc-2. Every model already served its original version.',
    ],
    [
      { aborted: [], models: { credit: 1, fraud: 2 } },
      'No incident was left to abort. Original model versions put back: credit v1; fraud v2.',
    ],
    [
      { aborted: ['inc-3'], models: { 'team-1': { credit: 1 }, 'team-2': {} } },
      'Aborted inc-3. Original model versions put back: team-1: credit v1.',
    ],
    [
      { aborted: [], models: 'not reset here: serving runs in another process (driftlab models rollback)' },
      'No incident was left to abort. Models not reset here: serving runs in another process (driftlab models rollback).',
    ],
  ])('%j', (answer, text) => expect(resetSummary(answer)).toBe(text));
});
