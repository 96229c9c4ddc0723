import React from 'react';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { FieldType } from '@grafana/data';

import { TEST_IDS } from '../../constants';
import { annotationFrames, CREDIT, driftFrames, FRAUD } from '../../fixtures/frames';
import { panelProps } from '../../testing/panelProps';
import { DriftPanel } from './DriftPanel';

const frames = driftFrames({ points: 60 });

function featuresInRanking() {
  return screen.getAllByTestId(TEST_IDS.rankingRow).map((r) => r.getAttribute('data-feature'));
}

describe('DriftPanel modes', () => {
  it('overview: the ranking beside the most drifted feature’s distribution', () => {
    render(<DriftPanel {...panelProps(frames)} />);
    expect(screen.getByTestId(TEST_IDS.panel)).toHaveAttribute('data-mode', 'overview');
    expect(featuresInRanking()[0]).toBe('annual_income');
    expect(featuresInRanking()).toHaveLength(CREDIT.features.length);
    const dist = screen.getByTestId(TEST_IDS.distributions);
    expect(within(dist).getByText('credit · annual_income')).toBeInTheDocument();
    expect(within(dist).getAllByTestId(TEST_IDS.distributionBin)).toHaveLength(10);
    expect(screen.queryByTestId(TEST_IDS.message)).not.toBeInTheDocument();
  });

  it('overview: clicking a row shows that feature’s distribution', () => {
    render(<DriftPanel {...panelProps(frames)} />);
    const row = screen.getAllByTestId(TEST_IDS.rankingRow).find((r) => r.getAttribute('data-feature') === 'region')!;
    fireEvent.click(row);
    expect(row).toHaveAttribute('aria-current', 'true');
    const dist = screen.getByTestId(TEST_IDS.distributions);
    expect(within(dist).getByText('credit · region')).toBeInTheDocument();
    expect(within(dist).getByText('north')).toBeInTheDocument();
  });

  it('ranking: only the ranking, cut to top N, without p-values when switched off', () => {
    render(<DriftPanel {...panelProps(frames, { mode: 'ranking', topN: 3, showPValues: false })} />);
    expect(featuresInRanking()).toHaveLength(3);
    expect(screen.getByText(/top 3 of 12/)).toBeInTheDocument();
    expect(screen.queryByText('p-value')).not.toBeInTheDocument();
    expect(screen.queryByTestId(TEST_IDS.distributions)).not.toBeInTheDocument();
  });

  it('ranking: one method, sorted by name', () => {
    render(<DriftPanel {...panelProps(frames, { mode: 'ranking', method: 'psi', sort: 'feature' })} />);
    const features = featuresInRanking();
    expect(features).toEqual([...features].sort((a, b) => a!.localeCompare(b!)));
    expect(screen.getAllByText('PSI').length).toBe(features.length);
  });

  it('distributions: one chart with a feature picker', () => {
    render(<DriftPanel {...panelProps(frames, { mode: 'distributions' })} />);
    expect(screen.getByTestId(TEST_IDS.featurePicker)).toBeInTheDocument();
    expect(screen.getByText('credit · annual_income')).toBeInTheDocument();
    expect(screen.queryByTestId(TEST_IDS.ranking)).not.toBeInTheDocument();
  });

  it('timeline: features × time with the dashboard annotations', () => {
    render(
      <DriftPanel
        {...panelProps(frames, { mode: 'timeline' }, { annotations: annotationFrames({ rangeMs: 59 * 60_000 }) })}
      />
    );
    expect(screen.getByTestId(TEST_IDS.timelineCanvas)).toBeInTheDocument();
    expect(screen.getAllByTestId(TEST_IDS.timelineRowLabel).map((l) => l.textContent)[0]).toBe('annual_income');
    expect(screen.getAllByTestId(TEST_IDS.timelineAnnotation)).toHaveLength(2);
  });

  it('timeline: annotations can be switched off', () => {
    render(
      <DriftPanel
        {...panelProps(frames, { mode: 'timeline', showAnnotations: false }, { annotations: annotationFrames() })}
      />
    );
    expect(screen.queryByTestId(TEST_IDS.timelineAnnotation)).not.toBeInTheDocument();
  });

  it('several models: model tags in the ranking and model-qualified timeline labels', () => {
    const both = driftFrames({ points: 30, models: [CREDIT, FRAUD] });
    const { unmount } = render(<DriftPanel {...panelProps(both, { mode: 'ranking' })} />);
    expect(screen.getAllByText('fraud').length).toBeGreaterThan(0);
    expect(screen.queryByText(/Drift ranking · credit/)).not.toBeInTheDocument();
    unmount();
    render(<DriftPanel {...panelProps(both, { mode: 'timeline' }, { height: 900 })} />);
    expect(screen.getAllByTestId(TEST_IDS.timelineRowLabel).some((l) => l.textContent?.startsWith('fraud · '))).toBe(
      true
    );
  });

  it('lecture mode: twice the type size', () => {
    const { unmount } = render(<DriftPanel {...panelProps(frames, { mode: 'ranking' })} />);
    const normal = parseFloat(getComputedStyle(screen.getByTestId(TEST_IDS.ranking)).fontSize);
    unmount();
    render(<DriftPanel {...panelProps(frames, { mode: 'ranking', lectureMode: true })} />);
    const lecture = parseFloat(getComputedStyle(screen.getByTestId(TEST_IDS.ranking)).fontSize);
    expect(lecture / normal).toBeGreaterThan(1.9);
  });
});

describe('DriftPanel error states', () => {
  const message = () => screen.getByTestId(TEST_IDS.message);

  it('no data', () => {
    render(<DriftPanel {...panelProps([])} />);
    expect(message()).toHaveTextContent('No data');
    expect(message()).toHaveTextContent('driftlab_drift_score{model="$model"}');
  });

  it('frames of the wrong shape', () => {
    const logs = {
      name: 'logs',
      length: 1,
      fields: [{ name: 'line', type: FieldType.string, config: {}, values: ['x'] }],
    };
    render(<DriftPanel {...panelProps([logs])} />);
    expect(message()).toHaveTextContent('No drift metrics in the query results');
    expect(message()).toHaveTextContent('Ignored 1 frame without a numeric field');
  });

  it('a missing label', () => {
    const broken = driftFrames({ points: 5, instant: false }).map((f) => {
      delete f.fields[1].labels!.feature;
      return f;
    });
    render(<DriftPanel {...panelProps(broken)} />);
    expect(message()).toHaveTextContent('No usable drift scores');
    expect(message()).toHaveTextContent('without the label "feature"');
  });

  it('NaN and infinite values', () => {
    const bad = driftFrames({ points: 5, instant: false }).map((f, i) => {
      f.fields[1].values = f.fields[1].values.map(() => (i % 2 ? NaN : Infinity));
      return f;
    });
    render(<DriftPanel {...panelProps(bad)} />);
    expect(message()).toHaveTextContent('No feature has a usable drift score');
    expect(message()).toHaveTextContent('is NaN');
    expect(message()).toHaveTextContent('is +Inf');
  });

  it('partial data: the view renders, the problems are listed under it', () => {
    const partial = driftFrames({ points: 10 });
    partial[0].fields[1].values = partial[0].fields[1].values.map(() => NaN);
    render(<DriftPanel {...panelProps(partial)} />);
    expect(screen.getByTestId(TEST_IDS.ranking)).toBeInTheDocument();
    expect(screen.getByTestId(TEST_IDS.notices)).toHaveTextContent(
      '1 latest score is NaN, not ranked (credit/age (ks))'
    );
  });

  it('scores without bins: the distribution says what to query', () => {
    render(<DriftPanel {...panelProps(driftFrames({ points: 5, instant: false }))} />);
    expect(screen.getByTestId(TEST_IDS.distributions)).toHaveTextContent('No bin proportions for this feature');
  });

  it('a method with no scores', () => {
    render(<DriftPanel {...panelProps(frames, { method: 'ks' })} />);
    expect(screen.getByTestId(TEST_IDS.notices)).toHaveTextContent('3 features have no ks score');
    const onlyCategorical = driftFrames({ points: 5, models: [{ model: 'x', features: [CREDIT.features[1]] }] });
    render(<DriftPanel {...panelProps(onlyCategorical, { method: 'ks' })} />);
    expect(screen.getByTestId(TEST_IDS.message)).toHaveTextContent('No feature has a valid ks score');
  });

  it('garbage that is not even a frame, and options saved by someone else', () => {
    const garbage = [null, 42, { fields: [{ type: 'number', values: null }] }] as never;
    render(<DriftPanel {...panelProps(garbage, { mode: 'pie' as never, topN: NaN })} />);
    expect(message()).toHaveTextContent('No data');
  });

  it('a rendering error ends as a message inside the panel', () => {
    const spy = jest.spyOn(console, 'error').mockImplementation(() => {});
    const props = panelProps(frames);
    // A field config whose defaults cannot be read: the failure happens inside the panel's render.
    props.fieldConfig = Object.defineProperty({ overrides: [] }, 'defaults', {
      get() {
        throw new Error('boom');
      },
    }) as never;
    act(() => {
      render(<DriftPanel {...props} />);
    });
    expect(message()).toHaveTextContent('The drift panel could not render this data');
    expect(message()).toHaveTextContent('boom');
    spy.mockRestore();
  });
});
