import React from 'react';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { createTheme } from '@grafana/data';

import { TEST_IDS } from '../../constants';
import { buildRanking, makeColorScale, parseFrames } from '../../viewmodel';
import { instant, score } from '../../viewmodel/testFrames';
import { Ranking } from './Ranking';

const theme = createTheme();
const scale = makeColorScale(theme, {}, 'severity', { min: 0, max: 2 });

function ranking(frames = defaultFrames()) {
  return buildRanking(parseFrames(frames), { method: 'auto', sort: 'severity-desc', topN: 0, colorBy: 'severity' });
}

function defaultFrames() {
  return [
    score('annual_income', 'psi', [0.35]),
    score('annual_income', 'ks', [0.0004]),
    score('age', 'ks', [0.6]),
    instant('driftlab_drift_sample_size', { model: 'credit', sample: 'reference' }, 20000),
    instant('driftlab_drift_sample_size', { model: 'credit', sample: 'current' }, 1000),
    instant('driftlab_drift_detected', { model: 'credit', feature: 'annual_income', method: 'psi' }, 1),
  ];
}

describe('Ranking', () => {
  it('shows each feature with the method and threshold that produced its score', () => {
    const r = ranking();
    render(<Ranking {...r} colorScale={scale} showPValues lecture={false} />);
    const rows = screen.getAllByTestId(TEST_IDS.rankingRow);
    expect(rows.map((row) => row.getAttribute('data-feature'))).toEqual(['annual_income', 'age']);
    // Most severe of psi 0.35/0.1 = 3.5 and ks log(0.0004)/log(0.05) = 2.6: psi.
    expect(rows[0]).toHaveTextContent('PSI0.35 ≥ 0.1');
    expect(rows[0]).toHaveAttribute('data-drifted', 'true');
    expect(rows[1]).toHaveTextContent('KS p0.6 ≥ 0.05');
    expect(rows[1]).toHaveAttribute('data-drifted', 'false');
    expect(rows[0]).toHaveTextContent('4.0e−4'); // the p-value column, from the KS test
    expect(screen.getByText('1 of 2 drifted')).toBeInTheDocument();
    expect(screen.getByText('Drift ranking · credit')).toBeInTheDocument();
  });

  it('colours the bar from the thresholds: red past the threshold, green well below', () => {
    render(<Ranking {...ranking()} colorScale={scale} showPValues lecture={false} />);
    const [drifted, calm] = screen.getAllByTestId(TEST_IDS.rankingRow);
    const fill = (row: HTMLElement) => within(row).getByTestId(TEST_IDS.rankingBar).style.background;
    expect(fill(drifted)).toBe(hexToRgb(theme.visualization.getColorByName('red')));
    expect(fill(calm)).toBe(hexToRgb(theme.visualization.getColorByName('green')));
  });

  it('explains on hover why a feature is red', async () => {
    render(<Ranking {...ranking()} colorScale={scale} showPValues lecture={false} />);
    fireEvent.mouseEnter(screen.getAllByTestId(TEST_IDS.rankingRow)[0]);
    const tip = await waitFor(() => screen.getByTestId(TEST_IDS.rankingTooltip));
    expect(tip).toHaveTextContent('credit · annual_income: drifted');
    expect(tip).toHaveTextContent('Population stability index = 0.35 ≥ threshold 0.1 (higher means more drift)');
    expect(tip).toHaveTextContent('Severity 3.50');
    expect(tip).toHaveTextContent('p-value: 4.0e−4 (ks_p_value)');
    expect(tip).toHaveTextContent('Samples: reference 20,000 · current 1,000');
    expect(tip).toHaveTextContent('Exporter says: drift detected');
    expect(tip).not.toHaveTextContent('rule out chance');
    expect(tip).toHaveTextContent('Other tests: KS p 4.0e−4 < 0.05');
  });

  it('says when the exporter takes a score over its threshold for chance', async () => {
    const frames = [
      score('seconds_since_last_txn', 'wasserstein_norm', [0.105]),
      score('seconds_since_last_txn', 'ks', [0.3]),
      instant(
        'driftlab_drift_detected',
        { model: 'credit', feature: 'seconds_since_last_txn', method: 'wasserstein_norm' },
        0
      ),
    ];
    render(<Ranking {...ranking(frames)} colorScale={scale} showPValues lecture={false} />);
    fireEvent.mouseEnter(screen.getByTestId(TEST_IDS.rankingRow));
    const tip = await waitFor(() => screen.getByTestId(TEST_IDS.rankingTooltip));
    expect(tip).toHaveTextContent('Exporter says: no drift');
    expect(tip).toHaveTextContent('over the threshold, but the KS p-value does not rule out chance');
  });

  it('says what is missing from the tooltip when the query lacks it', async () => {
    render(<Ranking {...ranking([score('age', 'psi', [0.01])])} colorScale={scale} showPValues lecture={false} />);
    fireEvent.mouseEnter(screen.getByTestId(TEST_IDS.rankingRow));
    const tip = await waitFor(() => screen.getByTestId(TEST_IDS.rankingTooltip));
    expect(tip).toHaveTextContent('p-value: not in the query results');
    expect(tip).toHaveTextContent('Samples: not in the query results (driftlab_drift_sample_size)');
  });

  it('selects a row on click and marks the selection', () => {
    const onSelect = jest.fn();
    const r = ranking();
    render(
      <Ranking {...r} selectedKey={r.rows[1].key} onSelect={onSelect} colorScale={scale} showPValues={false} lecture />
    );
    const rows = screen.getAllByTestId(TEST_IDS.rankingRow);
    expect(rows[1]).toHaveAttribute('aria-current', 'true');
    fireEvent.click(rows[0]);
    expect(onSelect).toHaveBeenCalledWith(r.rows[0].key);
  });

  it('tags rows with their model when several models share the panel', () => {
    const r = ranking([score('amount', 'psi', [0.3], {}, 'fraud'), score('age', 'psi', [0.01])]);
    render(<Ranking {...r} colorScale={scale} showPValues lecture={false} />);
    expect(screen.getByText('fraud')).toBeInTheDocument();
    expect(screen.getByText('Drift ranking')).toBeInTheDocument();
  });
});

function hexToRgb(hex: string): string {
  const n = parseInt(hex.slice(1), 16);
  return `rgb(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255})`;
}
