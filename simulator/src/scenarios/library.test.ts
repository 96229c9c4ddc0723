import { builtinScenario, builtinScenarios, LIBRARY_DIR, resolveScenario } from './library';
import { ScenarioError } from './load';

/** The message builtinScenario throws for `id`. */
function refusal(id: string): string {
  try {
    builtinScenario(id);
  } catch (e) {
    if (e instanceof ScenarioError) return e.message;
    throw e;
  }
  throw new Error(`expected ${id} to be refused`);
}

describe('builtinScenario', () => {
  it('finds every built-in scenario by its id', () => {
    for (const s of builtinScenarios()) expect(builtinScenario(s.id)).toEqual(s);
  });

  it('never reads a path, even one that exists', () => {
    const path = `${LIBRARY_DIR}/credit-income-drop.yaml`;
    expect(resolveScenario(path).id).toBe('credit-income-drop'); // the command line's resolver does
    expect(refusal(path)).toMatch(/no built-in scenario with id ".*credit-income-drop\.yaml"/);
    expect(refusal('../scenarios/credit-income-drop')).toMatch(/no built-in scenario/);
    expect(refusal('/dev/zero')).toMatch(/no built-in scenario/);
  });

  it('names the known ids, and quotes an unknown one cut short', () => {
    const message = refusal(`evil\n${'x'.repeat(10_000)}`);
    expect(message).toMatch(
      /^built-in scenarios:1:1: no built-in scenario with id "evil\\nx+…"; expected one of: .*credit-income-drop/,
    );
    expect(message.split('\n')).toHaveLength(1);
    expect(message.length).toBeLessThan(2000);
  });
});
