import { scoreDiagnosis } from './scoring';

const answer = { model: 'credit', kind: 'covariate' as const, features: ['annual_income'] };
const onset = Date.parse('2026-11-27T10:00:00Z');
const at = (minutes: number) => onset + minutes * 60_000;

describe('scoring a diagnosis', () => {
  it('gives full marks to the right model, kind, features and onset', () => {
    const s = scoreDiagnosis(
      { model: 'credit', kind: 'covariate', features: ['annual_income'], since: at(1) },
      answer,
      onset,
      at(7),
    );
    expect(s).toEqual({
      total: 100,
      model: true,
      kind: true,
      featurePrecision: 1,
      featureRecall: 1,
      onsetErrorSeconds: 60,
      timeToDetectSeconds: 420,
    });
  });

  it('takes points off a plausible wrong diagnosis: concept drift instead of covariate', () => {
    const s = scoreDiagnosis(
      { model: 'credit', kind: 'concept', features: ['annual_income'], since: at(0) },
      answer,
      onset,
      at(5),
    );
    expect(s.total).toBe(75);
  });

  it('scores features by F1 (hand-computed: 1 of 2 named is right, 1 of 1 found: P ½, R 1, F1 ⅔)', () => {
    const s = scoreDiagnosis(
      { model: 'credit', kind: 'covariate', features: ['annual_income', 'age'], since: at(0) },
      answer,
      onset,
      at(5),
    );
    expect([s.featurePrecision, s.featureRecall]).toEqual([0.5, 1]);
    expect(s.total).toBe(Math.round((25 + 25 + 30 * (2 / 3) + 20) * 10) / 10);
  });

  it('gives no feature points on the wrong model, whatever it names', () => {
    const s = scoreDiagnosis(
      { model: 'fraud', kind: 'covariate', features: ['annual_income'], since: at(0) },
      answer,
      onset,
      at(5),
    );
    expect(s).toMatchObject({ model: false, featurePrecision: 0, featureRecall: 0, total: 45 });
  });

  it('credits the onset fully within 2 minutes, then linearly down to nothing at 10', () => {
    const total = (minutes: number) =>
      scoreDiagnosis(
        { model: 'credit', kind: 'covariate', features: ['annual_income'], since: at(minutes) },
        answer,
        onset,
        at(20),
      ).total;
    expect(total(-2)).toBe(100);
    expect(total(6)).toBe(90); // 4 of the 8 minutes between 2 and 10: half of 20 points
    expect(total(-10)).toBe(80);
    expect(total(30)).toBe(80);
  });

  it('scores an incident without features (label starvation) by naming none', () => {
    const key = { model: 'credit', kind: 'quality' as const, features: [] };
    const none = scoreDiagnosis(
      { model: 'credit', kind: 'quality', features: [], since: at(0) },
      key,
      onset,
      at(3),
    );
    const some = scoreDiagnosis(
      { model: 'credit', kind: 'quality', features: ['age'], since: at(0) },
      key,
      onset,
      at(3),
    );
    expect([none.total, some.total]).toEqual([100, 70]);
  });
});
