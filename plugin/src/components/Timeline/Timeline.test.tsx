import React from 'react';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { createTheme } from '@grafana/data';

import { TEST_IDS } from '../../constants';
import { annotationFrames, FIXTURE_END } from '../../fixtures/frames';
import {
  buildTimeline,
  featureKey,
  makeColorScale,
  parseFrames,
  readAnnotations,
  TimelineModel,
} from '../../viewmodel';
import { MIN, score, T0 } from '../../viewmodel/testFrames';
import { Timeline } from './Timeline';
import { timeTicks } from './timeAxis';

const scale = makeColorScale(createTheme(), {}, 'severity', { min: 0, max: 2 });
const rows = ['annual_income', 'age'].map((f) => ({ key: featureKey('credit', f), model: 'credit', feature: f }));

function model(): TimelineModel {
  const data = parseFrames([
    score('annual_income', 'psi', [0.01, 0.05, 0.3, 0.5]),
    score('age', 'ks', [0.5, 0.4, 0.6, 0.3]),
  ]);
  return buildTimeline(data, rows, {
    method: 'auto',
    colorBy: 'severity',
    from: T0,
    to: T0 + 3 * MIN,
    maxColumns: 200,
  });
}

const common = {
  colorScale: scale,
  legend: [{ label: '≥ 1', color: scale(1) }],
  multiModel: false,
  method: 'auto' as const,
  colorBy: 'severity' as const,
  width: 800,
  height: 300,
  lecture: false,
  timeZone: 'utc',
};

describe('Timeline', () => {
  it('labels a row per feature and draws the cells on a canvas', () => {
    render(<Timeline {...common} model={model()} annotations={[]} />);
    expect(screen.getAllByTestId(TEST_IDS.timelineRowLabel).map((l) => l.textContent)).toEqual([
      'annual_income',
      'age',
    ]);
    expect(screen.getByTestId(TEST_IDS.timelineCanvas)).toHaveAttribute('aria-label', 'Drift of 2 features over time');
    expect(screen.getByText('Drift over time · severity, most severe test')).toBeInTheDocument();
    expect(screen.getByText('≥ 1')).toBeInTheDocument();
    expect(screen.getByText('10:01:00')).toBeInTheDocument();
  });

  it('tells the score behind a cell on hover', () => {
    render(<Timeline {...common} model={model()} annotations={[]} />);
    const plot = screen.getByTestId(TEST_IDS.timelineCanvas).parentElement!;
    // Row 0 (annual_income), last column: x near the right edge, y in the upper half.
    fireEvent.mouseMove(plot, { clientX: 790, clientY: 20 });
    const card = screen.getByTestId(TEST_IDS.timelineTooltip);
    expect(card).toHaveTextContent('annual_income');
    expect(card).toHaveTextContent('PSI 0.5 (threshold 0.1) · severity 5.00');
    fireEvent.mouseLeave(plot);
    expect(screen.queryByTestId(TEST_IDS.timelineTooltip)).not.toBeInTheDocument();
  });

  it('draws annotations (regions and points) with their text on hover', async () => {
    const annotations = readAnnotations(annotationFrames(), 0, Infinity);
    const data = parseFrames([score('annual_income', 'psi', [0.1, 0.2])]);
    const m = buildTimeline(data, rows.slice(0, 1), {
      method: 'auto',
      colorBy: 'severity',
      from: FIXTURE_END - 359 * MIN,
      to: FIXTURE_END,
      maxColumns: 200,
    });
    render(<Timeline {...common} model={m} annotations={annotations} />);
    const marks = screen.getAllByTestId(TEST_IDS.timelineAnnotation);
    expect(marks).toHaveLength(2);
    // Every line is drawn twice: a halo, then the line. A region has a start and an end.
    expect(marks[0].querySelectorAll('line')).toHaveLength(4);
    expect(marks[1].querySelectorAll('line')).toHaveLength(2);
    fireEvent.mouseEnter(marks[1].querySelector('path')!);
    await waitFor(() => expect(screen.getByText('Alert firing: DriftDetected')).toBeInTheDocument());
    expect(screen.getByText('credit annual_income psi ≥ 0.2 for 10m')).toBeInTheDocument();
  });

  it('hides labels that would not fit and says when the query is instant', () => {
    const data = parseFrames(Array.from({ length: 80 }, (_, i) => score(`f${i}`, 'psi', [0.1])));
    const many = Array.from({ length: 80 }, (_, i) => ({
      key: featureKey('credit', `f${i}`),
      model: 'credit',
      feature: `f${i}`,
    }));
    const m = buildTimeline(data, many, {
      method: 'auto',
      colorBy: 'severity',
      from: T0,
      to: T0 + MIN,
      maxColumns: 100,
    });
    render(<Timeline {...common} model={m} annotations={[]} />);
    expect(screen.queryAllByTestId(TEST_IDS.timelineRowLabel)).toHaveLength(0);
    expect(screen.getByText('one point per series: use a range query for the timeline')).toBeInTheDocument();
  });
});

describe('timeTicks', () => {
  it('chooses round steps that fit, in the dashboard time zone', () => {
    const ticks = timeTicks(Date.UTC(2026, 0, 1, 10, 7), Date.UTC(2026, 0, 1, 16, 0), 6, 'utc');
    expect(ticks.map((t) => t.label)).toEqual(['11:00', '12:00', '13:00', '14:00', '15:00', '16:00']);
    expect(timeTicks(0, 0, 5)).toEqual([]);
    const days = timeTicks(Date.UTC(2026, 0, 1), Date.UTC(2026, 0, 20), 4, 'utc');
    expect(days.map((t) => t.label)).toEqual(['01-01', '01-08', '01-15']);
  });
});
