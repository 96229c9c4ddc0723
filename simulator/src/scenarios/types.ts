import type { Shape } from '../injectors/shapes';
import type { LabelFeedbackConfig, TrafficConfig } from '../engine/config';

/** What a student diagnoses: the kinds a diagnosis is scored against. */
export type DiagnosisKind = 'covariate' | 'concept' | 'prior' | 'quality' | 'serving' | 'abuse';
export const DIAGNOSIS_KINDS: readonly DiagnosisKind[] = [
  'covariate',
  'concept',
  'prior',
  'quality',
  'serving',
  'abuse',
];

export interface StepTarget {
  readonly world: string;
  readonly feature?: string;
  readonly features?: readonly string[];
}

/** One step of a scenario's timeline, with durations in milliseconds from the scenario's start. */
export interface Step {
  readonly id: string;
  readonly start: number;
  /** Milliseconds the step lasts; Infinity when it lasts until the end of the run. */
  readonly duration: number;
  readonly injector: string;
  readonly target: StepTarget;
  readonly params: Readonly<Record<string, unknown>>;
  readonly shape: Shape;
}

/** The tutor's answer key: never shown to students. */
export interface AnswerKey {
  readonly kind: DiagnosisKind;
  readonly model: string;
  readonly features: readonly string[];
  readonly what: string;
  readonly when: string;
  readonly recover: string;
  /** The dashboards' metrics that reveal the incident. */
  readonly signals: readonly string[];
}

export interface Scenario {
  readonly id: string;
  readonly title: string;
  /** What students see when the incident is announced. */
  readonly brief: string;
  readonly answer: AnswerKey;
  readonly seed: number;
  readonly worlds: readonly string[];
  readonly traffic?: Partial<TrafficConfig>;
  readonly labels?: Partial<LabelFeedbackConfig>;
  readonly timeline: readonly Step[];
}
