import { DataFrame, FieldType } from '@grafana/data';

import { CREDIT, driftFrames } from '../fixtures/frames';
import { featureKey, identifyMetric, parseFrames } from './frames';
import { instant, MIN, score, T0, table } from './testFrames';

describe('parseFrames', () => {
  it('reads a dashboard of Prometheus frames into scores, bins, statistics and sample sizes', () => {
    const data = parseFrames(driftFrames({ points: 30 }));
    expect(data.issues).toEqual([]);
    const numeric = CREDIT.features.filter((f) => f.kind === 'numeric').length;
    const categorical = CREDIT.features.length - numeric;
    expect(data.scores).toHaveLength(3 * numeric + 3 * categorical);
    const income = data.scores.find((s) => s.feature === 'annual_income' && s.method === 'psi')!;
    expect(income).toMatchObject({ model: 'credit', threshold: 0.2, thresholdLabel: '0.2' });
    expect(income.times).toHaveLength(30);
    expect(income.latest).toBe(income.values[29]);
    expect(data.bins.get(featureKey('credit', 'annual_income'))!.size).toBe(10);
    expect(data.bins.get(featureKey('credit', 'region'))!.get('north')).toEqual({
      reference: expect.any(Number),
      current: expect.any(Number),
    });
    expect(data.statistics.get(featureKey('credit', 'age'))!.get('ks_p_value')).toEqual(expect.any(Number));
    expect(data.sampleSizes.get('credit')).toEqual({ reference: 20000, current: 1000 });
    expect(data.detected.get(featureKey('credit', 'annual_income'))!.get('psi')).toBe(1);
    expect(data.timeExtent).toEqual({ from: income.times[0], to: income.times[29] });
  });

  it('identifies metrics by __name__, dataplane field name, legend or labels', () => {
    expect(identifyMetric([undefined, 'Value'], { __name__: 'driftlab_drift_score' })).toEqual({ kind: 'score' });
    expect(identifyMetric(['driftlab_drift_bin_proportion'], {})).toEqual({ kind: 'binProportion' });
    expect(identifyMetric(['Value', 'driftlab_drift_statistic{feature="age"}'], {})).toEqual({ kind: 'statistic' });
    expect(identifyMetric(['Value'], { model: 'm', sample: 'current' })).toEqual({ kind: 'sampleSize' });
    expect(identifyMetric(['Value'], { model: 'm', feature: 'f', sample: 'current', bin: 'a' })).toEqual({
      kind: 'binProportion',
    });
    expect(identifyMetric(['Value'], { model: 'm', feature: 'f', method: 'psi', threshold: '0.1' })).toEqual({
      kind: 'score',
    });
    expect(identifyMetric(['Value'], { __name__: 'up', job: 'x' })).toEqual({ foreign: 'up' });
    expect(identifyMetric(['Value'], { job: 'x' })).toBeUndefined();
  });

  it('reads an aggregated query that dropped __name__', () => {
    const frame = score('age', 'psi', [0.05, 0.3]);
    delete frame.fields[1].labels!.__name__;
    const data = parseFrames([frame]);
    expect(data.scores).toHaveLength(1);
    expect(data.scores[0].latest).toBe(0.3);
  });

  it('reads the table format: labels in string columns, one row per series', () => {
    const data = parseFrames([
      table([
        { model: 'credit', feature: 'age', method: 'psi', threshold: '0.1', value: 0.02 },
        { model: 'credit', feature: 'annual_income', method: 'psi', threshold: '0.1', value: 0.4 },
      ]),
      table(
        [
          { model: 'credit', feature: 'age', sample: 'reference', bin: '(-inf, 30]', value: 0.5 },
          { model: 'credit', feature: 'age', sample: 'current', bin: '(-inf, 30]', value: 0.6 },
        ],
        'Value #B'
      ),
    ]);
    expect(data.issues).toEqual([]);
    expect(data.scores.map((s) => [s.feature, s.latest])).toEqual([
      ['age', 0.02],
      ['annual_income', 0.4],
    ]);
    expect(data.bins.get(featureKey('credit', 'age'))!.get('(-inf, 30]')).toEqual({ reference: 0.5, current: 0.6 });
  });

  it('accumulates a range table (rows repeated over time) into one sorted series', () => {
    const data = parseFrames([
      table([
        { model: 'credit', feature: 'age', method: 'psi', threshold: '0.1', value: 0.3, time: T0 + 2 * MIN },
        { model: 'credit', feature: 'age', method: 'psi', threshold: '0.1', value: 0.1, time: T0 },
        { model: 'credit', feature: 'age', method: 'psi', threshold: '0.1', value: 0.2, time: T0 + MIN },
      ]),
    ]);
    expect(data.scores[0].values).toEqual([0.1, 0.2, 0.3]);
    expect(data.scores[0].latest).toBe(0.3);
  });

  it('keeps the latest value of instant metrics when several points arrive', () => {
    const data = parseFrames([
      instant('driftlab_drift_sample_size', { model: 'credit', sample: 'current' }, 900, T0 + MIN),
      instant('driftlab_drift_sample_size', { model: 'credit', sample: 'current' }, 800, T0),
    ]);
    expect(data.sampleSizes.get('credit')).toEqual({ current: 900 });
  });

  it('reports a missing label by name with a query that keeps it', () => {
    const frame = score('age', 'psi', [0.1]);
    delete frame.fields[1].labels!.threshold;
    const data = parseFrames([frame, score('income', 'psi', [0.2])]);
    expect(data.scores).toHaveLength(1);
    expect(data.issues).toHaveLength(1);
    expect(data.issues[0].level).toBe('error');
    expect(data.issues[0].message).toMatch(/driftlab_drift_score: 1 series without the label "threshold"/);
    expect(data.issues[0].message).toMatch(/max by \(model, feature, method, threshold\)/);
  });

  it('groups many broken series into one line with a few examples', () => {
    const frames = ['a', 'b', 'c', 'd', 'e'].map((f) => {
      const frame = score(f, 'psi', [0.1]);
      delete frame.fields[1].labels!.model;
      return frame;
    });
    const data = parseFrames(frames);
    expect(data.issues).toHaveLength(1);
    expect(data.issues[0].message).toMatch(/5 series without the label "model" \(e\.g\. a\/psi, b\/psi, c\/psi\)/);
  });

  it('reports unknown methods and unusable thresholds instead of guessing a direction', () => {
    const data = parseFrames([
      score('age', 'energy', [0.1]),
      score('income', 'ks', [0.01], { threshold: '5' }),
      score('loan', 'psi', [0.1], { threshold: 'high' }),
    ]);
    expect(data.scores).toEqual([]);
    expect(data.issues.map((i) => i.message)).toEqual([
      expect.stringMatching(/unknown method "energy"/),
      expect.stringMatching(/threshold "5" must be between 0 and 1 for a p-value/),
      expect.stringMatching(/threshold "high" is not a number/),
    ]);
  });

  it('keeps NaN and infinite scores for the ranking to report, and turns string samples into numbers', () => {
    const frame = score('age', 'psi', [0.1, 0.2]);
    frame.fields[1].values = ['0.1', '+Inf'];
    const data = parseFrames([frame, score('income', 'psi', [0.1, NaN])]);
    expect(data.scores.map((s) => s.latest)).toEqual([Infinity, NaN]);
  });

  it('skips gaps (null) rather than reading them as zero', () => {
    const frame = score('age', 'psi', [0.1, 0.2, 0.3]);
    frame.fields[1].values = [0.1, null, 0.3];
    const data = parseFrames([frame]);
    expect(data.scores[0].values).toEqual([0.1, 0.3]);
  });

  it('ignores frames of the wrong shape and says so', () => {
    const textOnly: DataFrame = {
      name: 'logs',
      length: 1,
      fields: [{ name: 'line', type: FieldType.string, config: {}, values: ['hello'] }],
    };
    const junk = { fields: 'not an array' } as unknown as DataFrame;
    const nothing = null as unknown as DataFrame;
    const data = parseFrames([textOnly, junk, nothing, instant('up', { job: 'exporter' }, 1)]);
    expect(data.recognised).toBe(0);
    expect(data.issues.map((i) => i.message)).toEqual([
      expect.stringMatching(/Ignored 3 frames without a numeric field \(e\.g\. logs, unnamed\)/),
      expect.stringMatching(/Ignored 1 series of other metrics \(up\)/),
    ]);
  });

  it('rejects bin proportions that are not proportions, and unknown samples', () => {
    const data = parseFrames([
      instant('driftlab_drift_bin_proportion', { model: 'm', feature: 'f', sample: 'current', bin: 'a' }, NaN),
      instant('driftlab_drift_bin_proportion', { model: 'm', feature: 'f', sample: 'current', bin: 'b' }, -1),
      instant('driftlab_drift_bin_proportion', { model: 'm', feature: 'f', sample: 'baseline', bin: 'c' }, 0.5),
      instant('driftlab_drift_bin_proportion', { model: 'm', feature: 'f', sample: 'current', bin: 'd' }, 0.5),
    ]);
    expect([...data.bins.get(featureKey('m', 'f'))!.keys()]).toEqual(['d']);
    expect(data.issues.map((i) => i.message)).toEqual([
      expect.stringMatching(/2 values not a proportion/),
      expect.stringMatching(/sample "baseline" is neither reference nor current/),
    ]);
  });

  it('never throws on empty input', () => {
    expect(parseFrames(undefined).scores).toEqual([]);
    expect(parseFrames([]).frameCount).toBe(0);
  });
});
