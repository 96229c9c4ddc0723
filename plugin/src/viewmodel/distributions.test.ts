import { parseFrames } from './frames';
import { buildDistribution } from './distributions';
import { instant } from './testFrames';

function bins(feature: string, rows: Array<[string, number | undefined, number | undefined]>) {
  return rows.flatMap(([bin, reference, current]) => [
    ...(reference === undefined
      ? []
      : [instant('driftlab_drift_bin_proportion', { model: 'credit', feature, sample: 'reference', bin }, reference)]),
    ...(current === undefined
      ? []
      : [instant('driftlab_drift_bin_proportion', { model: 'credit', feature, sample: 'current', bin }, current)]),
  ]);
}

describe('buildDistribution', () => {
  it('orders numeric bins by interval whatever order they arrive in, with edges for the axis', () => {
    const data = parseFrames(
      bins('age', [
        ['(88, +inf)', 0.1, 0.05],
        ['(-inf, 12.5]', 0.2, 0.1],
        ['(12.5, 20.1]', 0.3, 0.25],
        ['(20.1, 88]', 0.4, 0.6],
      ])
    );
    const d = buildDistribution(data, 'credit', 'age')!;
    expect(d.kind).toBe('numeric');
    expect(d.bins.map((b) => b.label)).toEqual(['(-inf, 12.5]', '(12.5, 20.1]', '(20.1, 88]', '(88, +inf)']);
    expect(d.edges).toEqual(['12.5', '20.1', '88']);
    expect(d.max).toBe(0.6);
    expect(d.hasReference && d.hasCurrent).toBe(true);
  });

  it('orders categories by reference share, new categories last (largest first) and flagged', () => {
    const data = parseFrames(
      bins('employment_type', [
        ['unknown', undefined, 0.04],
        ['contract', 0.13, 0.12],
        ['salaried', 0.61, 0.5],
        ['retired', 0, 0.02],
      ])
    );
    const d = buildDistribution(data, 'credit', 'employment_type')!;
    expect(d.kind).toBe('categorical');
    expect(d.bins.map((b) => [b.label, b.isNew])).toEqual([
      ['salaried', false],
      ['contract', false],
      ['unknown', true],
      ['retired', true],
    ]);
    expect(d.edges).toEqual([]);
  });

  it('treats a mix of intervals and names as categories', () => {
    const data = parseFrames(
      bins('x', [
        ['(0, 1]', 0.5, 0.5],
        ['missing', 0.5, 0.5],
      ])
    );
    expect(buildDistribution(data, 'credit', 'x')!.kind).toBe('categorical');
  });

  it('says when a sample is missing, and returns undefined without bins', () => {
    const data = parseFrames(bins('age', [['(-inf, 1]', undefined, 0.5]]));
    expect(buildDistribution(data, 'credit', 'age')).toMatchObject({ hasReference: false, hasCurrent: true });
    expect(buildDistribution(data, 'credit', 'income')).toBeUndefined();
  });
});
