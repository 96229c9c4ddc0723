import { driftFrames } from '../fixtures/frames';
import { parseFrames } from './frames';
import { buildRanking, RankingOptions } from './ranking';
import { instant, score } from './testFrames';

const OPTIONS: RankingOptions = { method: 'auto', sort: 'severity-desc', topN: 0, colorBy: 'severity' };

describe('buildRanking', () => {
  it('ranks features by their most severe test, p-values and distances on one scale', () => {
    const data = parseFrames([
      score('age', 'ks', [0.4]), // severity log(0.4)/log(0.05) = 0.31
      score('age', 'psi', [0.02]), // 0.2
      score('annual_income', 'ks', [1e-6]), // 4.6
      score('annual_income', 'psi', [0.35]), // 3.5
      score('region', 'chi_square', [0.03]), // 1.17
    ]);
    const ranking = buildRanking(data, OPTIONS);
    expect(ranking.rows.map((r) => [r.feature, r.primary.method])).toEqual([
      ['annual_income', 'ks'],
      ['region', 'chi_square'],
      ['age', 'ks'],
    ]);
    const income = ranking.rows[0];
    expect(income.primary).toMatchObject({ score: 1e-6, threshold: 0.05, thresholdLabel: '0.05', drifted: true });
    expect(income.primary.severity).toBeCloseTo(Math.log(1e-6) / Math.log(0.05));
    expect(income.others.map((o) => o.method)).toEqual(['psi']);
    expect(income.colorValue).toBe(income.primary.severity);
    expect(ranking.rows[2].primary.drifted).toBe(false);
  });

  it('uses one method when asked, and says which features have none', () => {
    const data = parseFrames([
      score('age', 'ks', [0.01]),
      score('age', 'psi', [0.05]),
      score('region', 'chi_square', [0.5]),
      score('region', 'psi', [0.3]),
      score('employment_type', 'chi_square', [0.5]),
    ]);
    const psi = buildRanking(data, { ...OPTIONS, method: 'psi' });
    expect(psi.rows.map((r) => [r.feature, r.primary.method])).toEqual([
      ['region', 'psi'],
      ['age', 'psi'],
    ]);
    const ks = buildRanking(data, { ...OPTIONS, method: 'ks' });
    expect(ks.rows.map((r) => r.feature)).toEqual(['age']);
    expect(ks.issues[0]).toEqual({
      level: 'info',
      message: expect.stringMatching(/2 features have no ks score.*categorical features are tested with chi_square/),
    });
  });

  it('sorts by severity either way or by name, and cuts to the top N', () => {
    const data = parseFrames([score('b', 'psi', [0.5]), score('a', 'psi', [0.05]), score('c', 'psi', [0.2])]);
    expect(buildRanking(data, { ...OPTIONS, sort: 'severity-asc' }).rows.map((r) => r.feature)).toEqual([
      'a',
      'c',
      'b',
    ]);
    expect(buildRanking(data, { ...OPTIONS, sort: 'feature' }).rows.map((r) => r.feature)).toEqual(['a', 'b', 'c']);
    const top = buildRanking(data, { ...OPTIONS, topN: 2 });
    expect(top.rows.map((r) => r.feature)).toEqual(['b', 'c']);
    expect(top.total).toBe(3);
  });

  it('keeps models apart and lists them', () => {
    const data = parseFrames([score('amount', 'psi', [0.5], {}, 'fraud'), score('amount', 'psi', [0.1], {}, 'credit')]);
    const ranking = buildRanking(data, OPTIONS);
    expect(ranking.models).toEqual(['credit', 'fraud']);
    expect(ranking.rows.map((r) => r.model)).toEqual(['fraud', 'credit']);
  });

  it('answers "why is this red?": p-value, sample sizes and the exporter flag', () => {
    const data = parseFrames([
      score('income', 'psi', [0.4]),
      instant('driftlab_drift_statistic', { model: 'credit', feature: 'income', statistic: 'ks_p_value' }, 0.0004),
      instant('driftlab_drift_sample_size', { model: 'credit', sample: 'reference' }, 20000),
      instant('driftlab_drift_sample_size', { model: 'credit', sample: 'current' }, 1000),
      instant('driftlab_drift_detected', { model: 'credit', feature: 'income', method: 'psi' }, 1),
    ]);
    const [row] = buildRanking(data, OPTIONS).rows;
    expect(row.pValue).toEqual({ statistic: 'ks_p_value', value: 0.0004 });
    expect(row.sampleSizes).toEqual({ reference: 20000, current: 1000 });
    expect(row.detected).toBe(true);
  });

  it('takes the p-value from the score itself for p-value tests, or from a sibling test', () => {
    const data = parseFrames([
      score('age', 'ks', [0.02]),
      score('region', 'psi', [0.9]),
      score('region', 'chi_square', [0.3]),
    ]);
    const rows = buildRanking(data, OPTIONS).rows;
    expect(rows.find((r) => r.feature === 'age')!.pValue).toEqual({ statistic: 'ks_p_value', value: 0.02 });
    expect(rows.find((r) => r.feature === 'region')!.pValue).toEqual({ statistic: 'chi_square_p_value', value: 0.3 });
  });

  it('leaves out NaN and infinite latest scores and says which', () => {
    const data = parseFrames([
      score('age', 'psi', [0.1, NaN]),
      score('income', 'psi', [0.1, Infinity]),
      score('income', 'ks', [0.5]),
      score('loan', 'psi', [0.3]),
    ]);
    const ranking = buildRanking(data, OPTIONS);
    expect(ranking.rows.map((r) => [r.feature, r.primary.method])).toEqual([
      ['loan', 'psi'],
      ['income', 'ks'],
    ]);
    expect(ranking.issues.map((i) => i.message)).toEqual([
      '1 latest score is NaN, not ranked (credit/age (psi)).',
      '1 latest score is +Inf, not ranked (credit/income (psi)).',
    ]);
  });

  it('keeps the newest series when the threshold changed during the range', () => {
    const old = score('age', 'psi', [0.5], { threshold: '0.1' });
    const current = score('age', 'psi', [0.1, 0.15], { threshold: '0.2' });
    const [row] = buildRanking(parseFrames([old, current]), OPTIONS).rows;
    expect(row.primary).toMatchObject({ thresholdLabel: '0.2', score: 0.15 });
  });

  it('colours raw scores when asked, and warns when that mixes directions', () => {
    const data = parseFrames([score('age', 'ks', [0.01]), score('region', 'psi', [0.3])]);
    const ranking = buildRanking(data, { ...OPTIONS, colorBy: 'score' });
    expect(ranking.rows.map((r) => r.colorValue)).toEqual([0.3, 0.01]);
    expect(ranking.issues[0].message).toMatch(/mixes p-values/);
  });

  it('puts the fixture incident on top: income first, the prediction drifts too', () => {
    const ranking = buildRanking(parseFrames(driftFrames({ points: 60 })), OPTIONS);
    const top = ranking.rows.slice(0, 4).map((r) => r.feature);
    expect(top[0]).toBe('annual_income');
    expect(top).toContain('(prediction)');
    expect(ranking.rows.find((r) => r.feature === 'age')!.primary.drifted).toBe(false);
  });
});
