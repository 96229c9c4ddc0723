/**
 * Time shapes: how strongly a step acts at a moment of its window.
 *
 * `weight` is in [0, 1]. `gradual` weights are probabilities: each event gets either the new or the old
 * concept (as in MOA's ConceptDriftStream). `incremental` weights scale an injector's magnitude, so the
 * change is a smooth ramp. `sudden` and `recurring` are 0 or 1.
 */
export type Shape =
  | { readonly type: 'sudden' }
  | { readonly type: 'gradual'; readonly width: number; readonly position: number }
  | { readonly type: 'incremental'; readonly ramp: number }
  | { readonly type: 'recurring'; readonly period: number; readonly active: number };

export type ShapeType = Shape['type'];

/** Whether `weight` is a probability of switching (gradual) rather than a magnitude. */
export function isProbabilistic(shape: Shape): boolean {
  return shape.type === 'gradual';
}

/**
 * The shape's weight at `elapsed` milliseconds after the step's start (the caller checks the window).
 * - gradual: 1 / (1 + e^(−4(t − p)/w)) with position p and width w, both relative to the start;
 * - incremental: a linear ramp from 0 at the start to 1 after `ramp`, then 1;
 * - recurring: 1 during the first `active` milliseconds of every `period`, else 0.
 */
export function shapeWeight(shape: Shape, elapsed: number): number {
  switch (shape.type) {
    case 'sudden':
      return 1;
    case 'gradual':
      return 1 / (1 + Math.exp((-4 * (elapsed - shape.position)) / shape.width));
    case 'incremental':
      return shape.ramp <= 0 ? 1 : Math.min(1, elapsed / shape.ramp);
    case 'recurring':
      return elapsed % shape.period < shape.active ? 1 : 0;
  }
}
