import { builtinScenarios, DIAGNOSIS_KINDS, getWorld } from '@driftlab/simulator';
import { scoreDiagnosis } from './scoring';

// Every built-in scenario's answer key, submitted as a diagnosis, scores full marks; the plausible
// mistakes a student makes (the wrong kind, one feature too many or too few, the wrong model, an
// onset half an hour off) do not.

const onset = Date.parse('2026-11-27T10:00:00Z');
const submitted = onset + 10 * 60_000;

describe.each(builtinScenarios().map((s) => [s.id, s] as const))('%s', (_id, scenario) => {
  const key = scenario.answer;
  const right = { model: key.model, kind: key.kind, features: key.features, since: onset + 60_000 };
  const score = (d: typeof right) => scoreDiagnosis(d, key, onset, submitted).total;

  it('scores its answer key 100', () => {
    expect(score(right)).toBe(100);
  });

  it('scores the plausible mistakes below 100', () => {
    const world = getWorld(key.model)!;
    const otherFeature = world.features.map((f) => f.name).find((f) => !key.features.includes(f))!;
    const otherModel = ['credit', 'fraud', 'delivery'].find((m) => m !== key.model)!;
    const otherKind = DIAGNOSIS_KINDS.find((k) => k !== key.kind)!;
    const mistakes = [
      { ...right, kind: otherKind },
      { ...right, features: [...key.features, otherFeature] },
      { ...right, model: otherModel },
      { ...right, since: onset + 30 * 60_000 },
      ...(key.features.length > 0 ? [{ ...right, features: key.features.slice(1) }] : []),
    ];
    for (const mistake of mistakes) expect([mistake, score(mistake) < 100]).toEqual([mistake, true]);
  });
});
