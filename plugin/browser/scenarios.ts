import { DataFrame, FieldType } from '@grafana/data';

import { annotationFrames, CREDIT, DELIVERY, driftFrames, FRAUD } from '../src/fixtures/frames';
import { DriftPanelOptions } from '../src/types';

/** One picture the browser test takes (in each theme) and what it must contain. */
export interface Scenario {
  name: string;
  title: string;
  options: Partial<DriftPanelOptions>;
  series: () => DataFrame[];
  annotations?: () => DataFrame[];
  width: number;
  height: number;
  /** A data-testid that must be on the page, and how many times at least. */
  expect: { testId: string; min: number };
  /** Hover this data-testid (the first match) before the screenshot, to show a tooltip. */
  hover?: string;
  /** Click the ranking row of this feature before the screenshot. */
  select?: string;
}

const credit = () => driftFrames({ points: 360 });

function withoutLabel(label: string) {
  return () =>
    driftFrames({ points: 60, instant: false }).map((f) => {
      delete f.fields[1].labels![label];
      return f;
    });
}

export const SCENARIOS: Scenario[] = [
  {
    name: 'overview',
    title: 'Drift · credit',
    options: { mode: 'overview' },
    series: credit,
    width: 1200,
    height: 520,
    expect: { testId: 'rankingRow', min: 12 },
  },
  {
    name: 'overview-why-red',
    title: 'Drift · credit',
    options: { mode: 'overview' },
    series: credit,
    width: 1200,
    height: 520,
    expect: { testId: 'rankingTooltip', min: 1 },
    hover: 'rankingRow',
  },
  {
    name: 'overview-categorical',
    title: 'Drift · credit',
    options: { mode: 'overview' },
    series: credit,
    width: 1200,
    height: 520,
    expect: { testId: 'distributionBin', min: 5 },
    select: 'employment_type',
  },
  {
    name: 'overview-narrow',
    title: 'Drift · credit',
    options: { mode: 'overview' },
    series: credit,
    width: 520,
    height: 640,
    expect: { testId: 'distributionBin', min: 10 },
  },
  {
    name: 'ranking-models',
    title: 'Drift · all models',
    options: { mode: 'ranking', topN: 15 },
    series: () => driftFrames({ points: 120, models: [CREDIT, FRAUD, DELIVERY] }),
    width: 900,
    height: 560,
    expect: { testId: 'rankingRow', min: 15 },
  },
  {
    name: 'distributions',
    title: 'Distributions · fraud',
    options: { mode: 'distributions' },
    series: () => driftFrames({ points: 60, models: [FRAUD] }),
    width: 900,
    height: 420,
    expect: { testId: 'distributionBin', min: 9 },
    select: 'merchant_category',
  },
  {
    name: 'timeline',
    title: 'Drift over time · credit',
    options: { mode: 'timeline' },
    series: credit,
    annotations: () => annotationFrames(),
    width: 1200,
    height: 480,
    expect: { testId: 'timelineAnnotation', min: 2 },
  },
  {
    name: 'lecture-overview',
    title: 'Drift · credit',
    options: { mode: 'overview', lectureMode: true, topN: 8 },
    series: credit,
    width: 1920,
    height: 1080,
    expect: { testId: 'rankingRow', min: 8 },
  },
  {
    name: 'lecture-timeline',
    title: 'Drift over time · credit',
    options: { mode: 'timeline', lectureMode: true, topN: 8 },
    series: credit,
    annotations: () => annotationFrames(),
    width: 1920,
    height: 1080,
    expect: { testId: 'timelineRowLabel', min: 8 },
  },
  {
    name: 'error-no-data',
    title: 'Drift',
    options: {},
    series: () => [],
    width: 700,
    height: 300,
    expect: { testId: 'message', min: 1 },
  },
  {
    name: 'error-wrong-shape',
    title: 'Drift',
    options: {},
    series: () => [
      {
        name: 'logs',
        length: 1,
        fields: [{ name: 'line', type: FieldType.string, config: {}, values: ['not a metric'] }],
      },
    ],
    width: 700,
    height: 300,
    expect: { testId: 'message', min: 1 },
  },
  {
    name: 'error-missing-label',
    title: 'Drift',
    options: {},
    series: withoutLabel('threshold'),
    width: 700,
    height: 300,
    expect: { testId: 'message', min: 1 },
  },
  {
    name: 'error-nan',
    title: 'Drift',
    options: {},
    series: () =>
      driftFrames({ points: 30, instant: false }).map((f, i) => {
        f.fields[1].values = f.fields[1].values.map(() => (i % 2 ? NaN : Infinity));
        return f;
      }),
    width: 700,
    height: 300,
    expect: { testId: 'message', min: 1 },
  },
  {
    name: 'partial-data',
    title: 'Drift · credit',
    options: { mode: 'overview' },
    series: () => {
      const frames = driftFrames({ points: 60 });
      frames[0].fields[1].values = frames[0].fields[1].values.map(() => NaN);
      delete frames[5].fields[1].labels!.model;
      return frames;
    },
    width: 1000,
    height: 420,
    expect: { testId: 'notices', min: 1 },
  },
];
