import type { Rng } from '../random/rng';

/** A numeric input column, generated with `decimals` decimal places (0 means whole numbers). */
export interface NumericFeature {
  readonly name: string;
  readonly kind: 'numeric';
  readonly unit: string;
  readonly description: string;
  /** The valid range a client should send; values outside are out-of-range data-quality faults. */
  readonly min: number;
  readonly max: number;
  readonly decimals: number;
}

/** A categorical input column; its value in a feature vector is the index into `categories`. */
export interface CategoricalFeature {
  readonly name: string;
  readonly kind: 'categorical';
  readonly description: string;
  readonly categories: readonly string[];
}

export type FeatureSpec = NumericFeature | CategoricalFeature;

/** A named, numeric parameter of a world's labelling function that concept drift may change. */
export interface ConceptParameter {
  readonly default: number;
  readonly description: string;
  /** Discrete parameters (a concept number, a function id) switch, they never interpolate. */
  readonly discrete?: boolean;
  readonly min?: number;
  readonly max?: number;
}

/** Concept parameter values by name. */
export type Concept = Readonly<Record<string, number>>;

/**
 * One running copy of a world: its mutable state (for example a hyperplane's drifting weights).
 * Feature vectors are Float64Arrays in `World.features` order; categorical values are indices.
 */
export interface WorldInstance {
  /** Draw one feature vector into `out`; `streams[i]` is feature i's own random stream. */
  sample(streams: readonly Rng[], out: Float64Array): void;
  /**
   * Ground truth for `x` under `concept`: 0 or 1 for classification, a value for regression.
   * `noise` is the stream for any label noise the world's process defines.
   */
  label(x: Float64Array, concept: Concept, noise: Rng): number;
  /** Classification only: P(y = 1 | x) under `concept` (1 or 0 for deterministic rules). */
  score?(x: Float64Array, concept: Concept): number;
  /** Called once per generated event, before `label`, for worlds whose process moves with time. */
  advance?(concept: Concept): void;
}

export interface World {
  readonly name: string;
  readonly title: string;
  /** The generating process in a few sentences, with its source where it comes from a paper. */
  readonly description: string;
  readonly task: 'classification' | 'regression';
  readonly target: {
    readonly name: string;
    readonly description: string;
    /** Classification: the meaning of label 0 and 1. */
    readonly classes?: readonly [string, string];
    /** Regression: the unit of the label. */
    readonly unit?: string;
    /** Regression: decimals the label is rounded to. */
    readonly decimals?: number;
  };
  readonly features: readonly FeatureSpec[];
  readonly concept: Readonly<Record<string, ConceptParameter>>;
  /** A fresh instance; `rng` is the world's own stream, for any initial state it needs. */
  instantiate(rng: Rng): WorldInstance;
}

/** The default concept of a world. */
export function defaultConcept(world: World): Concept {
  const out: Record<string, number> = {};
  for (const [name, p] of Object.entries(world.concept)) out[name] = p.default;
  return out;
}

/** The index of a feature by name, or -1. */
export function featureIndex(world: World, name: string): number {
  return world.features.findIndex((f) => f.name === name);
}

/** Rounds to a fixed number of decimals, the way the world sends values. */
export function roundTo(x: number, decimals: number): number {
  if (decimals === 0) return Math.round(x);
  const k = 10 ** decimals;
  return Math.round(x * k) / k;
}

export function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}
