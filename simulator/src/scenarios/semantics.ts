import { injectorInfo, type InjectorInfo } from '../injectors/catalogue';
import { getWorld, type World } from '../worlds/index';
import { parseDuration } from './duration';
import { fieldName, SCENARIO_SCHEMA, type PathIssue } from './validate';

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
type Path = (string | number)[];
type Report = (path: Path, message: string) => void;

/** One step being checked against its world. */
interface StepCheck {
  readonly step: StepData;
  readonly world: World;
  readonly info: InjectorInfo;
  readonly params: Data;
  /** The path of one of the step's fields. */
  readonly at: (...rest: Path) => Path;
  readonly issue: Report;
}

/**
 * Checks a schema-valid scenario against the worlds it names: features exist and have the right
 * kind, categories and concept parameters exist, and so on. The schema cannot know these.
 */
export function semanticIssues(data: Data): PathIssue[] {
  const issues: PathIssue[] = [];
  const issue: Report = (path, message) => issues.push({ path, field: fieldName(path), message });
  const worlds = data.worlds as string[];
  const ids = new Map<string, number>();
  (data.timeline as StepData[]).forEach((step, s) => {
    const at = (...rest: Path) => ['timeline', s, ...rest];
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
    const info = injectorInfo(step.injector);
    if (!info) return;
    const needed = REQUIRED_PARAMS.get(step.injector) ?? [];
    if (step.params === undefined && needed.length > 0) {
      // The schema checks params only when they are there; the checks below read them.
      issue(at(), `missing required field "params" (${step.injector} needs ${needed.join(', ')})`);
      return;
    }
    const world = getWorld(step.target.world) as World;
    stepIssues({ step, world, info, params: step.params ?? {}, at, issue });
  });
  answerIssues(data.answer as AnswerData, worlds, issue);
  return issues;
}

type SchemaBranch = { if?: { properties?: { injector?: { const?: string } } } } & {
  then?: { properties?: { params?: { required?: string[] } } };
};

/** The parameters each injector requires, from the schema's per-injector branches. */
const REQUIRED_PARAMS: ReadonlyMap<string, readonly string[]> = new Map(
  ((SCENARIO_SCHEMA as { definitions: { step: { allOf: SchemaBranch[] } } }).definitions.step.allOf ?? [])
    .filter((b) => b.if?.properties?.injector?.const !== undefined)
    .map((b) => [b.if!.properties!.injector!.const!, b.then?.properties?.params?.required ?? []]),
);

/** A step whose world and injector exist: the injector fits the world, the target and the params. */
function stepIssues(c: StepCheck): void {
  const { step, world, info, at, issue } = c;
  if (info.classificationOnly && world.task !== 'classification')
    issue(
      at('injector'),
      `${step.injector} needs a classification world; "${world.name}" is a regression world`,
    );
  if (step.shape?.type === 'incremental' && step.shape.ramp === undefined && step.duration === undefined)
    issue(at('shape'), 'an incremental step without a duration needs a "ramp" duration');
  targetIssues(c);
  PARAM_CHECKS[step.injector]?.(c);
}

/** The target names what the injector acts on: one feature, a list, or the whole world. */
function targetIssues(c: StepCheck): void {
  const { step, info, at, issue } = c;
  const { feature, features } = step.target;
  if (info.target === 'feature') {
    if (features !== undefined)
      issue(at('target', 'features'), `${step.injector} targets one feature: use "feature"`);
    if (feature === undefined)
      issue(at('target'), `missing required field "feature" (${step.injector} targets a feature)`);
    else checkFeature(c, feature, at('target', 'feature'));
  } else if (info.target === 'features') {
    if (feature !== undefined)
      issue(at('target', 'feature'), `${step.injector} targets a list: use "features"`);
    if (features === undefined)
      issue(at('target'), `missing required field "features" (${step.injector} targets a list of features)`);
    else features.forEach((f, i) => checkFeature(c, f, at('target', 'features', i)));
  } else {
    for (const key of ['feature', 'features'] as const)
      if (step.target[key] !== undefined)
        issue(at('target', key), `${step.injector} targets the whole world; remove "${key}"`);
  }
}

/** A targeted feature exists in the world and is of the kind the injector needs. */
function checkFeature({ step, world, info, issue }: StepCheck, name: string, path: Path): void {
  const spec = world.features.find((f) => f.name === name);
  if (!spec) {
    issue(
      path,
      `world "${world.name}" has no feature "${name}"; expected one of: ${world.features.map((f) => f.name).join(', ')}`,
    );
    return;
  }
  if (info.featureKind && spec.kind !== info.featureKind)
    issue(path, `${step.injector} needs a ${info.featureKind} feature; "${name}" is ${spec.kind}`);
}

/** A category named for a categorical feature is one of its categories (other features are checked elsewhere). */
function checkCategory({ world, issue }: StepCheck, featureName: string, category: string, path: Path): void {
  const spec = world.features.find((f) => f.name === featureName);
  if (spec?.kind === 'categorical' && !spec.categories.includes(category))
    issue(
      path,
      `"${featureName}" has no category "${category}"; expected one of: ${spec.categories.join(', ')}`,
    );
}

/** The targeted feature's spec, for injectors that target one. */
function targetFeature({ step, world }: StepCheck) {
  const feature = step.target.feature;
  return feature ? world.features.find((f) => f.name === feature) : undefined;
}

/** Parameters the schema cannot check, per injector that has any. */
const PARAM_CHECKS: Record<string, (c: StepCheck) => void> = {
  'concept-change': conceptChangeIssues,
  'category-mix': categoryMixIssues,
  subpopulation: subpopulationIssues,
  'unseen-category': unseenCategoryIssues,
  'stuck-feature': stuckFeatureIssues,
  'rename-field': renameFieldIssues,
};

/** Each parameter set exists in the world's concept, within its range, whole where discrete. */
function conceptChangeIssues({ world, params, at, issue }: StepCheck): void {
  const set = params.set as Record<string, number>;
  for (const name of Object.keys(set)) {
    const p = world.concept[name];
    const value = set[name];
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
}

function categoryMixIssues(c: StepCheck): void {
  const feature = c.step.target.feature;
  if (feature)
    for (const category of Object.keys(c.params.weights as Data))
      checkCategory(c, feature, category, c.at('params', 'weights', category));
}

/** Values for exactly the targeted features, each of its feature's kind. */
function subpopulationIssues(c: StepCheck): void {
  const { world, params, at, issue } = c;
  const features = c.step.target.features ?? [];
  const values = params.values as Record<string, Data>;
  for (const name of features) {
    const spec = world.features.find((f) => f.name === name);
    const v = values[name];
    if (!spec) continue;
    if (!v) issue(at('params', 'values'), `missing values for targeted feature "${name}"`);
    else if (spec.kind === 'numeric' && !('mean' in v))
      issue(at('params', 'values', name), `"${name}" is numeric: expected {mean, sd}`);
    else if (spec.kind === 'categorical' && 'mean' in v)
      issue(at('params', 'values', name), `"${name}" is categorical: expected {category} or {weights}`);
    else if (typeof v.category === 'string')
      checkCategory(c, name, v.category, at('params', 'values', name, 'category'));
    else if (v.weights)
      for (const category of Object.keys(v.weights as Data))
        checkCategory(c, name, category, at('params', 'values', name, 'weights', category));
  }
  const targeted = new Set(features); // a Set: both lists may be long in a hostile file
  for (const name of Object.keys(values))
    if (!targeted.has(name)) issue(at('params', 'values', name), `"${name}" is not in target.features`);
}

/** The new categories are new: none is already one of the feature's. */
function unseenCategoryIssues(c: StepCheck): void {
  const feature = c.step.target.feature;
  for (const [i, category] of ((c.params.values as string[] | undefined) ?? []).entries()) {
    const spec = targetFeature(c);
    if (spec?.kind === 'categorical' && spec.categories.includes(category))
      c.issue(
        c.at('params', 'values', i),
        `"${category}" is a known category of "${feature}"; expected one the model never saw`,
      );
  }
}

/** A given stuck value fits the feature: a number, or one of its categories. */
function stuckFeatureIssues(c: StepCheck): void {
  const { params, at, issue } = c;
  const spec = targetFeature(c);
  if (spec && params.value !== undefined) {
    if (spec.kind === 'numeric' && typeof params.value !== 'number')
      issue(at('params', 'value'), `expected a number for "${c.step.target.feature}"`);
    if (spec.kind === 'categorical') checkCategory(c, spec.name, String(params.value), at('params', 'value'));
  }
}

/** The new field name is not already a feature of the world. */
function renameFieldIssues({ world, params, at, issue }: StepCheck): void {
  if (world.features.some((f) => f.name === params.to))
    issue(
      at('params', 'to'),
      `"${String(params.to)}" is already a feature of "${world.name}"; expected a new name`,
    );
}

/** The answer key names one of the scenario's worlds as the model, and features that model has. */
function answerIssues(answer: AnswerData, worlds: string[], issue: Report): void {
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
function detectionIssues(answer: AnswerData, model: World | undefined, issue: Report): void {
  const { detect, recovery } = answer;
  const positive = (text: string | undefined, path: Path) => {
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
