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

/**
 * A Prometheus alert (by its rule's name) about the answer's model. An alert about a feature
 * (FeatureDriftHigh, DataQualityFaults) is about `features` when given, else the answer's features.
 */
export interface AlertExpectation {
  readonly alert: string;
  readonly features?: readonly string[];
}

/**
 * How the incident shows in the lab's monitoring, and how soon: the alerts that must fire (or, where
 * no alert covers it, a PromQL condition that must hold) within `within` of the onset, the
 * incident's first step's start. simulator/docs/scenarios.md, "Detection and recovery".
 */
export interface Detection {
  /** A duration as written (`2h`): parseDuration gives milliseconds. */
  readonly within: string;
  /** Each must fire; empty when `metric` says it instead. */
  readonly alerts: readonly AlertExpectation[];
  /** A PromQL condition that returns a series while the signal is there, and none before the onset. */
  readonly metric?: string;
  /** Alerts that may fire too, as consequences; any other alert is a false alarm. */
  readonly also: readonly AlertExpectation[];
}

/** What a recovery does in the scenario harness (students do the equivalent in the lab). */
export type RecoveryAction = 'retrain' | 'end-fault';

/** The stated recovery: applied `after` the onset, every alert has resolved `within` after it. */
export interface RecoveryCheck {
  /**
   * retrain: the answer's model is retrained on its most recent labelled events and promoted
   * through its gates; end-fault: the fault's owner fixes it, or it ends by itself (the incident is
   * aborted); nothing a student does ends it.
   */
  readonly action: RecoveryAction;
  /** Durations as written. `after` defaults to the detection's `within`. */
  readonly after?: string;
  readonly within: string;
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
  /** Every built-in scenario has one; a tutor's own may leave it out. */
  readonly detect?: Detection;
  readonly recovery?: RecoveryCheck;
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
