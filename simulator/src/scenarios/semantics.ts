import { injectorInfo } from '../injectors/catalogue';
import { getWorld, type World } from '../worlds/index';
import { parseDuration } from './duration';
import { fieldName, type PathIssue } from './validate';

type Data = Record<string, unknown>;
type StepData = {
  id: string;
  start: string;
  duration?: string;
  injector: string;
  target: { world: string; feature?: string; features?: string[] };
  params?: Data;
  shape?: { type: string; ramp?: string };
};

/**
 * Checks a schema-valid scenario against the worlds it names: features exist and have the right
 * kind, categories and concept parameters exist, and so on. The schema cannot know these.
 */
export function semanticIssues(data: Data): PathIssue[] {
  const issues: PathIssue[] = [];
  const issue = (path: (string | number)[], message: string) =>
    issues.push({ path, field: fieldName(path), message });
  const worlds = data.worlds as string[];
  const timeline = data.timeline as StepData[];

  const ids = new Map<string, number>();
  timeline.forEach((step, s) => {
    const at = (...rest: (string | number)[]) => ['timeline', s, ...rest];
    const earlier = ids.get(step.id);
    if (earlier !== undefined) issue(at('id'), `duplicate step id "${step.id}" (also timeline[${earlier}])`);
    else ids.set(step.id, s);
    if (!worlds.includes(step.target.world)) {
      issue(
        at('target', 'world'),
        `world "${step.target.world}" is not in this scenario's worlds (${worlds.join(', ')})`,
      );
      return;
    }
    const world = getWorld(step.target.world) as World;
    const info = injectorInfo(step.injector);
    if (!info) return;
    const params = step.params ?? {};
    if (info.classificationOnly && world.task !== 'classification')
      issue(
        at('injector'),
        `${step.injector} needs a classification world; "${world.name}" is a regression world`,
      );
    if (step.shape?.type === 'incremental' && step.shape.ramp === undefined && step.duration === undefined)
      issue(at('shape'), 'an incremental step without a duration needs a "ramp" duration');

    const { feature, features } = step.target;
    const checkFeature = (name: string, path: (string | number)[]) => {
      const spec = world.features.find((f) => f.name === name);
      if (!spec) {
        issue(
          path,
          `world "${world.name}" has no feature "${name}"; expected one of: ${world.features.map((f) => f.name).join(', ')}`,
        );
        return undefined;
      }
      if (info.featureKind && spec.kind !== info.featureKind)
        issue(path, `${step.injector} needs a ${info.featureKind} feature; "${name}" is ${spec.kind}`);
      return spec;
    };
    if (info.target === 'feature') {
      if (features !== undefined)
        issue(at('target', 'features'), `${step.injector} targets one feature: use "feature"`);
      if (feature === undefined)
        issue(at('target'), `missing required field "feature" (${step.injector} targets a feature)`);
      else checkFeature(feature, at('target', 'feature'));
    } else if (info.target === 'features') {
      if (feature !== undefined)
        issue(at('target', 'feature'), `${step.injector} targets a list: use "features"`);
      if (features === undefined)
        issue(
          at('target'),
          `missing required field "features" (${step.injector} targets a list of features)`,
        );
      else features.forEach((f, i) => checkFeature(f, at('target', 'features', i)));
    } else {
      for (const key of ['feature', 'features'] as const)
        if (step.target[key] !== undefined)
          issue(at('target', key), `${step.injector} targets the whole world; remove "${key}"`);
    }

    const categoryCheck = (featureName: string, category: string, path: (string | number)[]) => {
      const spec = world.features.find((f) => f.name === featureName);
      if (spec?.kind === 'categorical' && !spec.categories.includes(category))
        issue(
          path,
          `"${featureName}" has no category "${category}"; expected one of: ${spec.categories.join(', ')}`,
        );
    };
    switch (step.injector) {
      case 'concept-change':
        for (const name of Object.keys(params.set as Data)) {
          const p = world.concept[name];
          const value = (params.set as Record<string, number>)[name];
          if (!p) {
            issue(
              at('params', 'set', name),
              `world "${world.name}" has no concept parameter "${name}"; expected one of: ${Object.keys(world.concept).join(', ')}`,
            );
          } else if ((p.min !== undefined && value < p.min) || (p.max !== undefined && value > p.max)) {
            issue(
              at('params', 'set', name),
              `expected a value from ${p.min ?? '-∞'} to ${p.max ?? '∞'}; got ${value}`,
            );
          } else if (p.discrete && !Number.isInteger(value)) {
            issue(at('params', 'set', name), `expected a whole number; got ${value}`);
          }
        }
        break;
      case 'category-mix':
        if (feature)
          for (const c of Object.keys(params.weights as Data))
            categoryCheck(feature, c, at('params', 'weights', c));
        break;
      case 'subpopulation': {
        const values = params.values as Record<string, Data>;
        for (const name of features ?? []) {
          const spec = world.features.find((f) => f.name === name);
          const v = values[name];
          if (!spec) continue;
          if (!v) issue(at('params', 'values'), `missing values for targeted feature "${name}"`);
          else if (spec.kind === 'numeric' && !('mean' in v))
            issue(at('params', 'values', name), `"${name}" is numeric: expected {mean, sd}`);
          else if (spec.kind === 'categorical' && 'mean' in v)
            issue(at('params', 'values', name), `"${name}" is categorical: expected {category} or {weights}`);
          else if (typeof v.category === 'string')
            categoryCheck(name, v.category, at('params', 'values', name, 'category'));
          else if (v.weights)
            for (const c of Object.keys(v.weights as Data))
              categoryCheck(name, c, at('params', 'values', name, 'weights', c));
        }
        for (const name of Object.keys(values))
          if (!(features ?? []).includes(name))
            issue(at('params', 'values', name), `"${name}" is not in target.features`);
        break;
      }
      case 'unseen-category':
        for (const [i, c] of ((params.values as string[] | undefined) ?? []).entries()) {
          const spec = feature ? world.features.find((f) => f.name === feature) : undefined;
          if (spec?.kind === 'categorical' && spec.categories.includes(c))
            issue(
              at('params', 'values', i),
              `"${c}" is a known category of "${feature}"; expected one the model never saw`,
            );
        }
        break;
      case 'stuck-feature': {
        const spec = feature ? world.features.find((f) => f.name === feature) : undefined;
        if (spec && params.value !== undefined) {
          if (spec.kind === 'numeric' && typeof params.value !== 'number')
            issue(at('params', 'value'), `expected a number for "${feature}"`);
          if (spec.kind === 'categorical')
            categoryCheck(spec.name, String(params.value), at('params', 'value'));
        }
        break;
      }
      case 'rename-field':
        if (world.features.some((f) => f.name === params.to))
          issue(
            at('params', 'to'),
            `"${String(params.to)}" is already a feature of "${world.name}"; expected a new name`,
          );
        break;
    }
  });

  const answer = data.answer as AnswerData;
  const model = getWorld(answer.model);
  if (!worlds.includes(answer.model) || !model) {
    issue(
      ['answer', 'model'],
      `expected one of this scenario's worlds (${worlds.join(', ')}); got "${answer.model}"`,
    );
  } else {
    answer.features.forEach((f, i) => {
      if (!model.features.some((spec) => spec.name === f))
        issue(['answer', 'features', i], `model "${model.name}" has no feature "${f}"`);
    });
  }
  detectionIssues(answer, model && worlds.includes(answer.model) ? model : undefined, issue);
  return issues;
}

type AnswerData = {
  model: string;
  features: string[];
  detect?: {
    within: string;
    alerts?: (string | { alert: string; features: string[] })[];
    metric?: string;
    also?: (string | { alert: string; features: string[] })[];
  };
  recovery?: { action: string; after?: string; within: string };
};

/** The detection window and recovery check: a signal to look for, durations above zero, real features. */
function detectionIssues(
  answer: AnswerData,
  model: World | undefined,
  issue: (path: (string | number)[], message: string) => void,
): void {
  const { detect, recovery } = answer;
  const positive = (text: string | undefined, path: (string | number)[]) => {
    if (text !== undefined && parseDuration(text) === 0) issue(path, 'expected a duration above zero');
  };
  if (detect) {
    if (detect.alerts === undefined && detect.metric === undefined)
      issue(
        ['answer', 'detect'],
        'expected "alerts" (the alerts that must fire) or "metric" (a PromQL condition that must hold)',
      );
    positive(detect.within, ['answer', 'detect', 'within']);
    for (const list of ['alerts', 'also'] as const)
      (detect[list] ?? []).forEach((entry, i) => {
        if (typeof entry === 'string' || !model) return;
        entry.features.forEach((f, j) => {
          if (!model.features.some((spec) => spec.name === f))
            issue(
              ['answer', 'detect', list, i, 'features', j],
              `model "${model.name}" has no feature "${f}"; expected one of: ${model.features.map((s) => s.name).join(', ')}`,
            );
        });
      });
  }
  if (recovery) {
    if (!detect)
      issue(['answer', 'recovery'], 'a recovery needs "detect": the recovery follows the detection');
    positive(recovery.after, ['answer', 'recovery', 'after']);
    positive(recovery.within, ['answer', 'recovery', 'within']);
  }
}

/** Durations are checked by the schema's pattern; this converts them. */
export function durationMs(text: string): number {
  const ms = parseDuration(text);
  if (ms === undefined) throw new Error(`not a duration: ${text}`);
  return ms;
}
