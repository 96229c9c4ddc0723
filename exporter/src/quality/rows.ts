// What the quality functions take: a window's columns, one entry per row.

/** Served classification predictions, labelled or not (a PredictionWindow's `columns()` fits). */
export interface PredictionRows {
  /** The served class, 0 or 1. */
  readonly values: ArrayLike<number>;
  /** The served P(class 1). */
  readonly scores: ArrayLike<number>;
}

/** Labelled classification predictions, one entry per row (a LabelledWindow's `columns()` fits). */
export interface ClassificationRows extends PredictionRows {
  /** The true class, 0 or 1. */
  readonly labels: ArrayLike<number>;
}

/** Labelled regression predictions, one entry per row (a LabelledWindow's `columns()` fits). */
export interface RegressionRows {
  /** The served prediction. */
  readonly values: ArrayLike<number>;
  /** The true value. */
  readonly labels: ArrayLike<number>;
}

/** Throws unless `values` has one entry per `name` in `per`, naming the function `fn` that needs it. */
export function checkOneValuePer(
  fn: string,
  values: ArrayLike<number>,
  per: ArrayLike<number>,
  name: 'score' | 'label',
): void {
  if (values.length !== per.length)
    throw new RangeError(
      `${fn}: ${per.length} ${name}s but ${values.length} values; expected one per ${name}`,
    );
}
