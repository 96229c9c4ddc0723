import { formatScenario, scenarioData } from './format';
import { builtinScenarios } from './library';
import { parseScenario } from './load';

/** A scenario using what the built-ins leave out: traffic, labels, a metric, alerts with features. */
const EXTRAS = `id: extras
title: Extras
brief: Everything optional.
answer:
  kind: covariate
  model: credit
  features: [annual_income]
  what: "true"
  when: 1h
  recover: retrain
  signals: ['42']
  detect:
    within: 90m
    metric: 'model:driftlab_prediction_requests:rate5m{model="credit"} > 20'
    also: [{ alert: FeatureDriftHigh, features: [age] }]
  recovery: { action: end-fault, within: 1h }
seed: 7
worlds: [credit]
traffic: { rate: 2.5, daily: { amplitude: 0.5, peakHour: 14 }, bursts: { perDay: 2, multiplier: 4, duration: 15m } }
labels: { delay: { median: 1d6h, sigma: 0.5 }, coverage: 0.8 }
timeline:
  - id: ramp
    start: 0s
    duration: 2h
    injector: mean-shift
    target: { world: credit, feature: annual_income }
    params: { by: -0.25 }
    shape: { type: incremental }
  - id: drop
    start: 1.5h
    injector: drop-field
    target: { world: credit, feature: age }
    shape: { type: recurring, period: 1ms }
`;

describe('formatScenario', () => {
  const cases = [...builtinScenarios(), parseScenario(EXTRAS, 'extras.yaml')].map((s) => [s.id, s] as const);

  it.each(cases)('writes %s as a file that parses back to an equal scenario', (_id, scenario) => {
    expect(parseScenario(formatScenario(scenario), 'shown.yaml')).toEqual(scenario);
  });

  it.each(cases)('writes %s as JSON that parses back too (JSON is YAML)', (_id, scenario) => {
    expect(parseScenario(JSON.stringify(scenarioData(scenario)), 'shown.json')).toEqual(scenario);
  });

  it('writes durations, and alerts without features as names', () => {
    const data = scenarioData(builtinScenarios().find((s) => s.id === 'credit-income-drop')!);
    expect(data).toMatchObject({
      answer: { detect: { within: '1h', alerts: ['FeatureDriftHigh'], also: ['AccuracyBelowTarget'] } },
      timeline: [{ start: '6h', shape: { type: 'gradual', width: '4h', position: '2h' } }],
    });
    expect(data.timeline).toEqual([expect.not.objectContaining({ duration: expect.anything() })]);
  });
});
