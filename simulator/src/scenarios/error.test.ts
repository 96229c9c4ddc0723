import { capIssues, formatIssue } from './error';
import { MAX_ISSUE_CHARS, MAX_SCENARIO_ISSUES } from './limits';
import { parseScenario, ScenarioError } from './load';

const issue = (message: string, field = 'f') => ({ line: 2, column: 3, field, path: [field], message });

describe('scenario issues', () => {
  it('keep to one line each: line breaks and terminal escapes from the file are escaped', () => {
    expect(formatIssue('x.yaml', issue('has no feature "a\nb\u001b[31m"', 'k\tey'))).toBe(
      'x.yaml:2:3: k\\tey: has no feature "a\\nb\\u001b[31m"',
    );
    try {
      parseScenario('id: "a\\nb"\n"c\\nd": 1\n', 'x.yaml');
    } catch (e) {
      const lines = (e as ScenarioError).message.split('\n');
      expect(lines).toContain(
        'x.yaml:1:5: id: expected lower-case letters, digits and hyphens (like income-drop); got "a\\nb"',
      );
      expect(lines).toContain(
        'x.yaml:2:9: c\\nd: unknown field "c\\nd"; expected one of: id, title, brief, answer, seed, worlds, traffic, labels, timeline',
      );
    }
    expect.assertions(3);
  });

  it('are capped, the rest counted at the place of the first left out', () => {
    const many = Array.from({ length: MAX_SCENARIO_ISSUES + 7 }, (_, i) => ({
      ...issue(`problem ${i}`),
      line: i,
    }));
    const capped = capIssues(many);
    expect(capped).toHaveLength(MAX_SCENARIO_ISSUES + 1);
    expect(capped.at(-1)).toEqual({
      ...many[MAX_SCENARIO_ISSUES],
      field: '',
      message: '… and 7 more problems (only the first 50 are listed)',
    });
    expect(capIssues(many.slice(0, 3))).toEqual(many.slice(0, 3));
  });

  it('cut a message that quotes a long value', () => {
    const [cut] = capIssues([issue('x'.repeat(MAX_ISSUE_CHARS * 3))]);
    expect(cut.message).toHaveLength(MAX_ISSUE_CHARS + 1);
    expect(cut.message.endsWith('…')).toBe(true);
  });
});
