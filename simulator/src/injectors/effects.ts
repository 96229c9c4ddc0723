import type { Rng } from '../random/rng';
import type { Concept, World } from '../worlds/types';
import type { WorldTypicalValues } from '../engine/typical-values';
import type { ServingDirective, SimEvent } from '../engine/event';

/** What an injector's effect needs to know about its target. */
export interface EffectContext {
  readonly world: World;
  readonly typicalValues: WorldTypicalValues;
  /** The targeted feature's indices (one for `feature` targets, several for `features`, none for `world`). */
  readonly features: readonly number[];
  readonly params: Readonly<Record<string, unknown>>;
}

/** Label delivery for one event, before label-feedback faults. */
export interface FeedbackDraft {
  delay: number;
  delivered: boolean;
  label: number;
}

/**
 * `intensity` is the step's shape weight: 0 or 1 for sudden, recurring and (already drawn) gradual
 * shapes, a fraction on an incremental ramp. Continuous effects scale with it; discrete effects
 * (a switch, a dropped field) happen with it as a probability.
 */
export type Effect =
  | { readonly category: 'covariate'; apply(x: Float64Array, intensity: number, rng: Rng): void }
  | {
      readonly category: 'concept';
      apply(concept: Record<string, number>, base: Concept, intensity: number, rng: Rng): void;
    }
  | { readonly category: 'prior'; targetRate(intensity: number): number }
  | {
      readonly category: 'quality';
      /** Share of requests sent twice (duplicate-records), else 0. */
      readonly duplicateRate: number;
      apply(event: SimEvent, intensity: number, rng: Rng): void;
    }
  | { readonly category: 'label'; apply(feedback: FeedbackDraft, intensity: number, rng: Rng): void }
  | { readonly category: 'serving'; apply(directive: ServingDirective, intensity: number, rng: Rng): void }
  | {
      readonly category: 'abuse';
      /** Extra requests per second from one client. */
      readonly rate: number;
      /** Probing: only send inputs whose P(y = 1) is within `band` of 0.5. */
      readonly band: number | null;
    };

/** Whether a discrete effect happens, with `probability` (no draw when it is 0 or 1). */
export function happens(probability: number, rng: Rng): boolean {
  if (probability >= 1) return true;
  if (probability <= 0) return false;
  return rng.next() < probability;
}

export function numberParam(
  params: Readonly<Record<string, unknown>>,
  name: string,
  fallback?: number,
): number {
  const v = params[name];
  if (typeof v === 'number') return v;
  if (fallback === undefined) throw new Error(`parameter "${name}" is required`);
  return fallback;
}
