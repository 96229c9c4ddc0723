// The built-in scenario library: every file is valid, every injector category is covered, and every
// scenario can be diagnosed from monitoring signals alone, pointing at the features its answer names.
import { INJECTORS, builtinScenarios, getWorld, injectorInfo, libraryFiles } from '@driftlab/simulator';
import { collectWindows, signals } from './support/monitor';

const scenarios = builtinScenarios();

describe('the built-in scenario library', () => {
  it('has at least 12 scenarios, one per file, with unique ids', () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(12);
    expect(scenarios).toHaveLength(libraryFiles().length);
    expect(new Set(scenarios.map((s) => s.id)).size).toBe(scenarios.length);
    for (const [i, file] of libraryFiles().entries())
      expect(file.endsWith(`${scenarios[i].id}.yaml`)).toBe(true);
  });

  it('covers every injector category', () => {
    const used = new Set(
      scenarios.flatMap((s) => s.timeline.map((step) => injectorInfo(step.injector)!.category)),
    );
    expect([...used].sort()).toEqual([...new Set(INJECTORS.map((i) => i.category))].sort());
  });

  it('covers every diagnosis kind in its answer keys', () => {
    expect(new Set(scenarios.map((s) => s.answer.kind))).toEqual(
      new Set(['covariate', 'concept', 'prior', 'quality', 'serving', 'abuse']),
    );
  });

  describe.each(scenarios.map((s) => [s.id, s] as const))('%s', (_id, scenario) => {
    const world = getWorld(scenario.answer.model)!;
    const found = signals(world, collectWindows(scenario, world));
    const featureSignals = [...found].filter((s) => s.includes(':'));
    const flagged = (feature: string) => featureSignals.some((s) => s.endsWith(`:${feature}`));

    it('raises monitoring signals during the incident', () => {
      expect(found.size).toBeGreaterThan(0);
    });

    it('points at the answer key and nowhere else', () => {
      const { kind, features } = scenario.answer;
      const drifted = featureSignals.filter((s) => s.startsWith('drift:')).map((s) => s.slice(6));
      switch (kind) {
        case 'covariate':
          expect(drifted.sort()).toEqual([...features].sort());
          break;
        case 'concept':
          expect(drifted).toEqual([]);
          expect(found.has('accuracy') || found.has('label-rate')).toBe(true);
          break;
        case 'prior':
          expect(found.has('label-rate')).toBe(true);
          break;
        case 'quality':
          for (const f of features) expect([f, flagged(f)]).toEqual([f, true]);
          for (const s of featureSignals) expect(features).toContain(s.split(':')[1]);
          if (features.length === 0)
            expect(found.has('coverage') || found.has('delay') || found.has('duplicates')).toBe(true);
          break;
        case 'serving':
          expect(featureSignals).toEqual([]);
          expect(['errors', 'unavailable', 'latency'].some((s) => found.has(s))).toBe(true);
          break;
        case 'abuse':
          expect(['traffic', 'client-concentration', 'accuracy'].some((s) => found.has(s))).toBe(true);
          break;
      }
    });
  });
});
