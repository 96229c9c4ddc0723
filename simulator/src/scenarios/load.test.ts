import { ScenarioError, formatIssue, parseScenario } from './load';

const VALID = `id: demo
title: Demo
brief: Something changed.
answer:
  kind: covariate
  model: credit
  features: [annual_income]
  what: income falls
  when: from 1h
  recover: retrain
  signals: [drift score]
seed: 3
worlds: [credit]
timeline:
  - id: income-drop
    start: 1h
    duration: 2h
    injector: mean-shift
    target: { world: credit, feature: annual_income }
    params: { by: -1000 }
    shape: { type: gradual, width: 30m }
`;

/** The messages parseScenario throws for `text`, as `line: field: message`. */
function problems(text: string): string[] {
  try {
    parseScenario(text, 'demo.yaml');
  } catch (e) {
    if (e instanceof ScenarioError) return e.issues.map((i) => `${i.line}: ${i.field}: ${i.message}`);
    throw e;
  }
  throw new Error('expected the scenario to be invalid');
}

describe('parseScenario', () => {
  it('turns a valid file into a scenario with durations in milliseconds and shape defaults', () => {
    const s = parseScenario(VALID, 'demo.yaml');
    expect(s.id).toBe('demo');
    expect(s.timeline[0]).toMatchObject({
      start: 3_600_000,
      duration: 7_200_000,
      injector: 'mean-shift',
      params: { by: -1000 },
      shape: { type: 'gradual', width: 1_800_000, position: 900_000 },
    });
  });

  it('defaults to a sudden step that lasts until the end', () => {
    const s = parseScenario(VALID.replace('    duration: 2h\n', '').replace(/ {4}shape: .*\n/, ''), 'x.yaml');
    expect(s.timeline[0].duration).toBe(Infinity);
    expect(s.timeline[0].shape).toEqual({ type: 'sudden' });
  });

  it('names the line and field of a wrong type and says what was expected', () => {
    expect(problems(VALID.replace('by: -1000', 'by: lots'))).toEqual([
      '20: timeline[0].params.by: expected number, got "lots"',
    ]);
  });

  it('explains a bad duration', () => {
    expect(problems(VALID.replace('start: 1h', 'start: 1 hour'))).toEqual([
      '16: timeline[0].start: expected a duration such as 90s, 15m, 6h, 2d or 1d6h; got "1 hour"',
    ]);
  });

  it('lists the allowed values of an unknown injector', () => {
    const [message] = problems(VALID.replace('injector: mean-shift', 'injector: mean-drift'));
    expect(message).toMatch(
      /^18: timeline\[0\]\.injector: expected one of: mean-shift, scale-change, .*; got "mean-drift"$/,
    );
  });

  it('reports a missing required field at its parent', () => {
    expect(problems(VALID.replace('seed: 3\n', ''))).toEqual(['1: : missing required field "seed"']);
  });

  it('names unknown fields and the fields that are allowed', () => {
    expect(problems(VALID.replace('params: { by: -1000 }', 'params: { by: -1000, step: 2 }'))).toEqual([
      '20: timeline[0].params.step: unknown field "step"; expected one of: by',
    ]);
  });

  it('checks features against the world and lists the real ones', () => {
    const [message] = problems(VALID.replace('feature: annual_income }', 'feature: income }'));
    expect(message).toMatch(
      /^19: timeline\[0\]\.target\.feature: world "credit" has no feature "income"; expected one of: .*annual_income/,
    );
  });

  it('checks the feature kind an injector needs', () => {
    expect(problems(VALID.replace('feature: annual_income }', 'feature: region }'))).toEqual([
      '19: timeline[0].target.feature: mean-shift needs a numeric feature; "region" is categorical',
    ]);
  });

  it('rejects shape fields that belong to another shape', () => {
    expect(problems(VALID.replace('{ type: gradual, width: 30m }', '{ type: sudden, width: 30m }'))).toEqual([
      '21: timeline[0].shape.width: is not allowed here',
    ]);
  });

  it('rejects duplicate step ids and YAML syntax errors with their lines', () => {
    const twice = VALID + VALID.slice(VALID.indexOf('  - id: income-drop'));
    expect(problems(twice)).toContain(
      '22: timeline[1].id: duplicate step id "income-drop" (also timeline[0])',
    );
    const [yamlError] = problems(VALID.replace('title: Demo', 'title: [Demo'));
    expect(yamlError).toMatch(/^\d+: : YAML: /);
  });

  it('checks concept parameters against the world', () => {
    const concept = VALID.replace('injector: mean-shift', 'injector: concept-change')
      .replace('{ world: credit, feature: annual_income }', '{ world: credit }')
      .replace('params: { by: -1000 }', 'params: { set: { slope: 2 } }');
    expect(problems(concept)[0]).toMatch(
      /^20: timeline\[0\]\.params\.set\.slope: world "credit" has no concept parameter "slope"/,
    );
  });

  it('formats issues as file:line:column: field: message', () => {
    try {
      parseScenario(VALID.replace('by: -1000', 'by: lots'), 'demo.yaml');
    } catch (e) {
      expect(formatIssue('demo.yaml', (e as ScenarioError).issues[0])).toBe(
        'demo.yaml:20:19: timeline[0].params.by: expected number, got "lots"',
      );
    }
    expect.assertions(1);
  });
});

describe('parseScenario: detection and recovery', () => {
  const KEYED = VALID.replace(
    '  signals: [drift score]\n',
    '  signals: [drift score]\n' +
      '  detect: { alerts: [FeatureDriftHigh], within: 1h, also: [AccuracyBelowTarget] }\n' +
      '  recovery: { action: retrain, after: 2h, within: 30m }\n',
  );

  it('reads alerts as {alert, features}, durations as written', () => {
    const withFeatures = KEYED.replace(
      'also: [AccuracyBelowTarget]',
      'also: [AccuracyBelowTarget, { alert: DataQualityFaults, features: [loan_amount] }]',
    );
    expect(parseScenario(withFeatures, 'demo.yaml').answer).toMatchObject({
      detect: {
        within: '1h',
        alerts: [{ alert: 'FeatureDriftHigh' }],
        also: [{ alert: 'AccuracyBelowTarget' }, { alert: 'DataQualityFaults', features: ['loan_amount'] }],
      },
      recovery: { action: 'retrain', after: '2h', within: '30m' },
    });
  });

  it('takes a metric condition instead of alerts, and leaves both keys out when absent', () => {
    const metric = KEYED.replace(
      'alerts: [FeatureDriftHigh]',
      `metric: 'model:driftlab_prediction_requests:rate5m{model="credit"} > 20'`,
    );
    expect(parseScenario(metric, 'demo.yaml').answer.detect).toEqual({
      within: '1h',
      alerts: [],
      metric: 'model:driftlab_prediction_requests:rate5m{model="credit"} > 20',
      also: [{ alert: 'AccuracyBelowTarget' }],
    });
    const answer = parseScenario(VALID, 'demo.yaml').answer;
    expect('detect' in answer || 'recovery' in answer).toBe(false);
  });

  it('names the field of each problem', () => {
    expect(problems(KEYED.replace('alerts: [FeatureDriftHigh], ', ''))).toEqual([
      '12: answer.detect: expected "alerts" (the alerts that must fire) or "metric" (a PromQL condition that must hold)',
    ]);
    expect(problems(KEYED.replace('within: 1h', 'within: 0m'))).toEqual([
      '12: answer.detect.within: expected a duration above zero',
    ]);
    expect(problems(KEYED.replace('action: retrain', 'action: reboot'))).toEqual([
      '13: answer.recovery.action: expected one of: retrain, end-fault; got "reboot"',
    ]);
    expect(
      problems(
        KEYED.replace(
          '  detect: { alerts: [FeatureDriftHigh], within: 1h, also: [AccuracyBelowTarget] }\n',
          '',
        ),
      ),
    ).toEqual(['12: answer.recovery: a recovery needs "detect": the recovery follows the detection']);
    expect(problems(KEYED.replace('within: 30m', 'in: 30m'))).toEqual([
      '13: answer.recovery: missing required field "within"',
      '13: answer.recovery.in: unknown field "in"; expected one of: action, after, within',
    ]);
  });

  it('checks the features an alert names against the model', () => {
    const [message] = problems(
      KEYED.replace('also: [AccuracyBelowTarget]', 'also: [{ alert: FeatureDriftHigh, features: [income] }]'),
    );
    expect(message).toMatch(
      /^12: answer\.detect\.also\[0\]\.features\[0\]: model "credit" has no feature "income"; expected one of: age, .*annual_income/,
    );
  });

  it('explains an alert written neither as a name nor as {alert, features}', () => {
    expect(problems(KEYED.replace('alerts: [FeatureDriftHigh]', 'alerts: [feature-drift]'))).toEqual([
      "12: answer.detect.alerts[0]: expected one of the allowed forms: An alert's name (like FeatureDriftHigh), or {alert, features} for an alert about other features than the answer's.",
    ]);
  });
});
