import type { FeatureRecord } from '@driftlab/contracts';
import { expectArray, expectFinite, expectObject, expectString, ModelError } from './errors';
import { LinearRegression } from './linear';
import { LogisticRegression } from './logistic';
import { Preprocessor, type PreprocessingSpec } from './preprocess';

/*
 * A trained model as plain JSON (what the registry writes to disk) and the predictor rebuilt from
 * it. The artifact holds everything prediction needs, preprocessing included, and nothing else:
 * metrics, schema and profile are stored next to it by the registry.
 */

export type ModelKind = 'logistic-regression' | 'linear-regression';

export interface ModelArtifact {
  readonly kind: ModelKind;
  /** The world the model was trained on, which is also the model's name. */
  readonly world: string;
  readonly preprocessing: PreprocessingSpec;
  /** One per design column (Preprocessor.names), in that order. */
  readonly coefficients: readonly number[];
  readonly intercept: number;
}

/**
 * A loaded model. Scoring a feature vector or record reuses one scratch design vector, so it
 * allocates nothing; it is not re-entrant, which single-threaded Node never needs.
 */
export interface Predictor {
  readonly kind: ModelKind;
  readonly world: string;
  readonly task: 'classification' | 'regression';
  readonly preprocessor: Preprocessor;
  readonly artifact: ModelArtifact;
  /** P(y = 1) for classification, the predicted value for regression; `x` in world feature order. */
  score(x: ArrayLike<number>): number;
  /** The class (0/1, P(y = 1) > 0.5) or the predicted value. */
  predict(x: ArrayLike<number>): number;
  /** `score` of a payload record (see Preprocessor.transformRecord). */
  scoreRecord(record: FeatureRecord): number;
  predictRecord(record: FeatureRecord): number;
  /** `score` of a design vector that is already preprocessed, starting at `offset`. */
  scoreDesign(design: ArrayLike<number>, offset?: number): number;
}

/**
 * Both kinds are a linear score of the design vector, passed through the model's link: the
 * logistic one predicts the class above P(y = 1) = 0.5, the linear one predicts the score itself.
 */
class LinearModelPredictor implements Predictor {
  readonly world: string;
  readonly task: 'classification' | 'regression';
  private readonly scratch: Float64Array;
  private readonly scoreDesignAt: (design: ArrayLike<number>, offset: number) => number;

  constructor(
    readonly artifact: ModelArtifact,
    readonly preprocessor: Preprocessor,
  ) {
    this.world = artifact.world;
    this.scratch = new Float64Array(preprocessor.width);
    const coefficients = Float64Array.from(artifact.coefficients);
    if (artifact.kind === 'logistic-regression') {
      const model = new LogisticRegression(coefficients, artifact.intercept);
      this.task = 'classification';
      this.scoreDesignAt = (design, offset) => model.predictProba(design, offset);
    } else {
      const model = new LinearRegression(coefficients, artifact.intercept);
      this.task = 'regression';
      this.scoreDesignAt = (design, offset) => model.predict(design, offset);
    }
  }

  get kind(): ModelKind {
    return this.artifact.kind;
  }
  score(x: ArrayLike<number>): number {
    return this.scoreDesignAt(this.preprocessor.transform(x, this.scratch), 0);
  }
  predict(x: ArrayLike<number>): number {
    return this.decide(this.score(x));
  }
  scoreRecord(record: FeatureRecord): number {
    return this.scoreDesignAt(this.preprocessor.transformRecord(record, this.scratch), 0);
  }
  predictRecord(record: FeatureRecord): number {
    return this.decide(this.scoreRecord(record));
  }
  scoreDesign(design: ArrayLike<number>, offset = 0): number {
    return this.scoreDesignAt(design, offset);
  }
  private decide(score: number): number {
    return this.task === 'classification' ? (score > 0.5 ? 1 : 0) : score;
  }
}

/**
 * Rebuilds a predictor from an artifact (for example parsed from a file), checking every field, so
 * a damaged artifact fails at load with a ModelError naming the field, never at predict time.
 */
export function loadModel(artifact: unknown): Predictor {
  const o = expectObject(artifact, 'artifact');
  const kind = o.kind;
  if (kind !== 'logistic-regression' && kind !== 'linear-regression')
    throw new ModelError('artifact.kind', "'logistic-regression' or 'linear-regression'", kind);
  const world = expectString(o.world, 'artifact.world');
  const preprocessor = Preprocessor.fromSpec(o.preprocessing);
  const coefficients = expectArray(o.coefficients, 'artifact.coefficients').map((v, j) =>
    expectFinite(v, `artifact.coefficients[${j}]`),
  );
  if (coefficients.length !== preprocessor.width)
    throw new ModelError(
      'artifact.coefficients',
      `${preprocessor.width} coefficients (one per design column)`,
      coefficients,
    );
  const intercept = expectFinite(o.intercept, 'artifact.intercept');
  const clean: ModelArtifact = { kind, world, preprocessing: preprocessor.spec, coefficients, intercept };
  return new LinearModelPredictor(clean, preprocessor);
}
