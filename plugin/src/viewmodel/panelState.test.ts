import { FieldType } from '@grafana/data';

import { DEFAULT_OPTIONS } from '../constants';
import { driftFrames } from '../fixtures/frames';
import { buildPanelState } from './panelState';
import { instant, score } from './testFrames';

describe('buildPanelState', () => {
  it('says "No data" for no frames or empty frames, with the queries to add', () => {
    for (const series of [undefined, [], [{ length: 0, fields: [] }]]) {
      const state = buildPanelState(series, DEFAULT_OPTIONS);
      expect(state).toMatchObject({ status: 'message', message: { title: 'No data' } });
      if (state.status === 'message') {
        expect(state.message.detail).toMatch(/driftlab_drift_score\{model="\$model"\}/);
      }
    }
  });

  it('tells frames of the wrong shape apart from no data', () => {
    const state = buildPanelState(
      [
        {
          name: 'logs',
          length: 1,
          fields: [{ name: 'line', type: FieldType.string, config: {}, values: ['x'] }],
        },
        instant('up', { job: 'exporter' }, 1),
      ],
      DEFAULT_OPTIONS
    );
    expect(state).toMatchObject({ status: 'message', message: { title: 'No drift metrics in the query results' } });
    if (state.status === 'message') {
      expect(state.message.reasons).toHaveLength(2);
    }
  });

  it('needs scores for the ranking, overview and timeline, not for distributions', () => {
    const bins = [
      instant('driftlab_drift_bin_proportion', { model: 'm', feature: 'f', sample: 'current', bin: 'a' }, 1),
    ];
    expect(buildPanelState(bins, { ...DEFAULT_OPTIONS, mode: 'ranking' })).toMatchObject({
      status: 'message',
      message: { title: 'No usable drift scores' },
    });
    expect(buildPanelState(bins, { ...DEFAULT_OPTIONS, mode: 'distributions' }).status).toBe('ok');
    const sizes = [instant('driftlab_drift_sample_size', { model: 'm', sample: 'current' }, 1)];
    expect(buildPanelState(sizes, { ...DEFAULT_OPTIONS, mode: 'distributions' })).toMatchObject({
      status: 'message',
      message: { title: 'No bin proportions' },
    });
  });

  it('explains a missing label instead of showing an empty ranking', () => {
    const frame = score('age', 'psi', [0.1]);
    delete frame.fields[1].labels!.feature;
    const state = buildPanelState([frame], DEFAULT_OPTIONS);
    expect(state).toMatchObject({ status: 'message', message: { title: 'No usable drift scores' } });
    if (state.status === 'message') {
      expect(state.message.reasons[0]).toMatch(/without the label "feature"/);
    }
  });

  it('explains when every score is NaN or infinite, or the chosen method is absent', () => {
    const nan = buildPanelState([score('age', 'psi', [NaN]), score('income', 'ks', [Infinity])], DEFAULT_OPTIONS);
    expect(nan).toMatchObject({ status: 'message', message: { title: 'No feature has a usable drift score' } });
    if (nan.status === 'message') {
      expect(nan.message.reasons).toEqual([expect.stringMatching(/is NaN/), expect.stringMatching(/is \+Inf/)]);
    }
    const method = buildPanelState([score('age', 'psi', [0.1])], { ...DEFAULT_OPTIONS, method: 'ks' });
    expect(method).toMatchObject({ status: 'message', message: { detail: expect.stringMatching(/valid ks score/) } });
  });

  it('renders partial data with notes', () => {
    const frame = score('age', 'psi', [0.1]);
    delete frame.fields[1].labels!.threshold;
    const state = buildPanelState([frame, score('income', 'psi', [0.3])], DEFAULT_OPTIONS);
    expect(state.status).toBe('ok');
    if (state.status === 'ok') {
      expect(state.ranking.rows).toHaveLength(1);
      expect(state.notes[0].message).toMatch(/"threshold"/);
    }
  });

  it('is ok for the fixture dashboard without notes', () => {
    const state = buildPanelState(driftFrames({ points: 20 }), DEFAULT_OPTIONS);
    expect(state).toMatchObject({ status: 'ok', notes: [] });
  });
});
