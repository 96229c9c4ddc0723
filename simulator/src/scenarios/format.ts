import { stringify } from 'yaml';
import type { Shape } from '../injectors/shapes';
import { formatDuration } from './duration';
import type { AlertExpectation, AnswerKey, Scenario, Step } from './types';

type Data = Record<string, unknown>;

/**
 * A scenario in its file form, which parseScenario reads back to an equal scenario: durations
 * written out (`6h`), a step that lasts until the end without a duration, alerts without features
 * as bare names, and the defaults parseScenario filled in written out.
 */
export function scenarioData(scenario: Scenario): Data {
  const { traffic, labels } = scenario;
  return {
    id: scenario.id,
    title: scenario.title,
    brief: scenario.brief,
    answer: answerData(scenario.answer),
    seed: scenario.seed,
    worlds: [...scenario.worlds],
    ...(traffic ? { traffic: withDuration(traffic, 'bursts', 'duration') } : {}),
    ...(labels ? { labels: withDuration(labels, 'delay', 'median') } : {}),
    timeline: scenario.timeline.map(stepData),
  };
}

/** The scenario as a YAML scenario file. */
export function formatScenario(scenario: Scenario): string {
  return stringify(scenarioData(scenario));
}

function answerData({ detect, recovery, ...rest }: AnswerKey): Data {
  return {
    ...rest,
    ...(detect
      ? {
          detect: {
            within: detect.within,
            // The schema wants at least one alert when the key is there; a metric stands in for none.
            ...(detect.alerts.length > 0 ? { alerts: detect.alerts.map(alertData) } : {}),
            ...(detect.metric !== undefined ? { metric: detect.metric } : {}),
            ...(detect.also.length > 0 ? { also: detect.also.map(alertData) } : {}),
          },
        }
      : {}),
    ...(recovery ? { recovery: { ...recovery } } : {}),
  };
}

function alertData(alert: AlertExpectation): string | Data {
  return alert.features ? { alert: alert.alert, features: [...alert.features] } : alert.alert;
}

/** `section` of traffic or labels with its `key` duration written out (the rest are numbers). */
function withDuration(config: object, section: string, key: string): Data {
  const inner = (config as Data)[section] as Data | undefined;
  if (!inner || typeof inner[key] !== 'number') return { ...config };
  return { ...config, [section]: { ...inner, [key]: formatDuration(inner[key]) } };
}

function stepData(step: Step): Data {
  return {
    id: step.id,
    start: formatDuration(step.start),
    ...(Number.isFinite(step.duration) ? { duration: formatDuration(step.duration) } : {}),
    injector: step.injector,
    target: { ...step.target },
    ...(Object.keys(step.params).length > 0 ? { params: step.params } : {}),
    shape: shapeData(step.shape),
  };
}

function shapeData(shape: Shape): Data {
  switch (shape.type) {
    case 'sudden':
      return { type: 'sudden' };
    case 'gradual':
      return {
        type: 'gradual',
        width: formatDuration(shape.width),
        position: formatDuration(shape.position),
      };
    case 'incremental':
      return { type: 'incremental', ramp: formatDuration(shape.ramp) };
    case 'recurring':
      return {
        type: 'recurring',
        period: formatDuration(shape.period),
        active: formatDuration(shape.active),
      };
  }
}
