import React from 'react';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { createTheme } from '@grafana/data';

import { TEST_IDS } from '../../constants';
import { buildDistribution, buildRanking, makeColorScale, parseFrames } from '../../viewmodel';
import { instant, score } from '../../viewmodel/testFrames';
import { Distributions } from './Distributions';

const scale = makeColorScale(createTheme(), {}, 'severity', { min: 0, max: 2 });

function bin(feature: string, bin: string, reference: number, current: number) {
  return [
    instant('driftlab_drift_bin_proportion', { model: 'credit', feature, sample: 'reference', bin }, reference),
    instant('driftlab_drift_bin_proportion', { model: 'credit', feature, sample: 'current', bin }, current),
  ];
}

const frames = [
  score('age', 'psi', [0.3]),
  ...bin('age', '(30, 45]', 0.5, 0.3),
  ...bin('age', '(-inf, 30]', 0.25, 0.1),
  ...bin('age', '(45, +inf)', 0.25, 0.6),
  ...bin('employment_type', 'salaried', 0.7, 0.6),
  ...bin('employment_type', 'contract', 0.3, 0.3),
  ...bin('employment_type', 'unknown', 0, 0.1),
];
const data = parseFrames(frames);
const [row] = buildRanking(data, { method: 'auto', sort: 'severity-desc', topN: 0, colorBy: 'severity' }).rows;

describe('Distributions', () => {
  it('draws reference and current bars for every numeric bin, with edge ticks', () => {
    render(
      <Distributions
        distribution={buildDistribution(data, 'credit', 'age')}
        row={row}
        title="credit · age"
        width={600}
        height={300}
        lecture={false}
        colorScale={scale}
      />
    );
    const bins = screen.getAllByTestId(TEST_IDS.distributionBin);
    expect(bins.map((b) => b.getAttribute('data-bin'))).toEqual(['(-inf, 30]', '(30, 45]', '(45, +inf)']);
    expect(bins[0].querySelectorAll('rect')).toHaveLength(3); // reference, current, hover area
    expect(screen.getByText('30')).toBeInTheDocument();
    expect(screen.getByText('45')).toBeInTheDocument();
    expect(screen.getByText(/PSI 0.3 ≥ 0.1 · drifted/)).toBeInTheDocument();
    expect(screen.getByText('reference (training)')).toBeInTheDocument();
  });

  it('shows the proportions of a bin on hover', async () => {
    render(
      <Distributions
        distribution={buildDistribution(data, 'credit', 'age')}
        title="credit · age"
        width={600}
        height={300}
        lecture={false}
        colorScale={scale}
      />
    );
    const hit = screen.getAllByTestId(TEST_IDS.distributionBin)[2].querySelectorAll('rect')[2];
    fireEvent.mouseEnter(hit);
    await waitFor(() => expect(screen.getByText('change +35.0 percentage points')).toBeInTheDocument());
    expect(screen.getByText('reference 25 %')).toBeInTheDocument();
    expect(screen.getByText('current 60 %')).toBeInTheDocument();
  });

  it('labels categories and flags the ones the reference never saw', () => {
    render(
      <Distributions
        distribution={buildDistribution(data, 'credit', 'employment_type')}
        title="credit · employment_type"
        width={600}
        height={300}
        lecture
        colorScale={scale}
      />
    );
    expect(screen.getByText('salaried')).toBeInTheDocument();
    expect(screen.getByText('unknown')).toBeInTheDocument();
    expect(screen.getByText('new')).toBeInTheDocument();
  });

  it('says what to query when there are no bins, and when the panel is too small', () => {
    const { unmount } = render(
      <Distributions title="credit · income" width={600} height={300} lecture={false} colorScale={scale} />
    );
    expect(screen.getByTestId(TEST_IDS.distributions)).toHaveTextContent('Add driftlab_drift_bin_proportion');
    unmount();
    render(
      <Distributions
        distribution={buildDistribution(data, 'credit', 'age')}
        title="credit · age"
        width={600}
        height={50}
        lecture={false}
        colorScale={scale}
      />
    );
    expect(screen.getByText('The panel is too small for the distribution chart.')).toBeInTheDocument();
  });
});
