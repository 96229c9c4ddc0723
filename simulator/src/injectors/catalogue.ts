/**
 * The injectors a scenario step can use: one declarative kind per fault, grouped by what a student
 * would diagnose. The JSON Schema (`simulator/schema/scenario.schema.json`) lists the same names and
 * their parameters; a test keeps the two in step.
 */
export type InjectorCategory = 'covariate' | 'concept' | 'prior' | 'quality' | 'label' | 'serving' | 'abuse';

/** What a step must name in its `target`. */
export type TargetKind = 'feature' | 'features' | 'world';

export interface InjectorInfo {
  readonly name: string;
  readonly category: InjectorCategory;
  readonly target: TargetKind;
  /** The kind of feature the injector applies to, for feature targets. */
  readonly featureKind?: 'numeric' | 'categorical';
  readonly classificationOnly?: boolean;
  readonly summary: string;
}

const info = (
  name: string,
  category: InjectorCategory,
  target: TargetKind,
  summary: string,
  extra: Partial<InjectorInfo> = {},
): InjectorInfo => ({ name, category, target, summary, ...extra });

export const INJECTORS: readonly InjectorInfo[] = [
  info('mean-shift', 'covariate', 'feature', 'adds `by` (feature units) to a numeric feature', {
    featureKind: 'numeric',
  }),
  info('scale-change', 'covariate', 'feature', 'scales a numeric feature by `factor` around its mean', {
    featureKind: 'numeric',
  }),
  info(
    'subpopulation',
    'covariate',
    'features',
    'mixes in a new sub-population (`fraction` of events) with the given feature values',
  ),
  info('category-mix', 'covariate', 'feature', 'redraws a categorical feature from new category `weights`', {
    featureKind: 'categorical',
  }),
  info('concept-change', 'concept', 'world', 'sets parameters of the labelling function (`set`)'),
  info('prior-shift', 'prior', 'world', 'changes the class balance to `positiveRate`', {
    classificationOnly: true,
  }),
  info('missing-values', 'quality', 'feature', 'sends null for `rate` of events'),
  info('unit-change', 'quality', 'feature', 'sends the value multiplied by `factor` (a unit change)', {
    featureKind: 'numeric',
  }),
  info('rename-field', 'quality', 'feature', 'sends the feature under the name `to`'),
  info('drop-field', 'quality', 'feature', 'leaves the feature out of the request'),
  info('number-as-string', 'quality', 'feature', 'sends a number as a JSON string for `rate` of events', {
    featureKind: 'numeric',
  }),
  info('unseen-category', 'quality', 'feature', 'sends a category from `values` the model never saw', {
    featureKind: 'categorical',
  }),
  info('stuck-feature', 'quality', 'feature', 'sends one constant `value` (default: the typical value)'),
  info('outliers', 'quality', 'feature', 'multiplies the value by `factor` for `rate` of events', {
    featureKind: 'numeric',
  }),
  info('duplicate-records', 'quality', 'world', 'sends `rate` of requests twice'),
  info('label-delay', 'label', 'world', 'multiplies the label delay by `factor`'),
  info('label-drop', 'label', 'world', 'never delivers the label for `rate` of events'),
  info('label-flip', 'label', 'world', 'delivers the wrong class for `rate` of events (poisoning)', {
    classificationOnly: true,
  }),
  info('added-latency', 'serving', 'world', 'serving adds `ms` of latency to each request'),
  info('error-burst', 'serving', 'world', 'serving fails `rate` of requests with `status`'),
  info('model-unavailable', 'serving', 'world', 'serving answers 503: the model is unavailable'),
  info('request-flood', 'abuse', 'world', 'one client sends `rate` extra requests per second'),
  info(
    'boundary-probing',
    'abuse',
    'world',
    'one client sends `rate` requests per second close to the decision boundary',
    { classificationOnly: true },
  ),
];

export const INJECTOR_NAMES: readonly string[] = INJECTORS.map((i) => i.name);

export function injectorInfo(name: string): InjectorInfo | undefined {
  return INJECTORS.find((i) => i.name === name);
}
