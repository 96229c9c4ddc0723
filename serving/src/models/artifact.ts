import { expectArray, expectFinite, expectObject, expectString, ModelError } from './errors';
import { LinearRegression } from './linear';
import { LogisticRegression } from './logistic';
import { Preprocessor, type FeatureRecord, type PreprocessingSpec } from './preprocess';

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

class LogisticPredictor implements Predictor {
  readonly kind = 'logistic-regression';
  readonly task = 'classification';
  readonly world: string;
  private readonly scratch: Float64Array;
  private readonly model: LogisticRegression;

  constructor(
    readonly artifact: ModelArtifact,
    readonly preprocessor: Preprocessor,
  ) {
    this.world = artifact.world;
    this.scratch = new Float64Array(preprocessor.width);
    this.model = new LogisticRegression(Float64Array.from(artifact.coefficients), artifact.intercept);
  }

  score(x: ArrayLike<number>): number {
    return this.model.predictProba(this.preprocessor.transform(x, this.scratch));
  }
  predict(x: ArrayLike<number>): number {
    return this.score(x) > 0.5 ? 1 : 0;
  }
  scoreRecord(record: FeatureRecord): number {
    return this.model.predictProba(this.preprocessor.transformRecord(record, this.scratch));
  }
  predictRecord(record: FeatureRecord): number {
    return this.scoreRecord(record) > 0.5 ? 1 : 0;
  }
  scoreDesign(design: ArrayLike<number>, offset = 0): number {
    return this.model.predictProba(design, offset);
  }
}

class LinearPredictor implements Predictor {
  readonly kind = 'linear-regression';
  readonly task = 'regression';
  readonly world: string;
  private readonly scratch: Float64Array;
  private readonly model: LinearRegression;

  constructor(
    readonly artifact: ModelArtifact,
    readonly preprocessor: Preprocessor,
  ) {
    this.world = artifact.world;
    this.scratch = new Float64Array(preprocessor.width);
    this.model = new LinearRegression(Float64Array.from(artifact.coefficients), artifact.intercept);
  }

  score(x: ArrayLike<number>): number {
    return this.model.predict(this.preprocessor.transform(x, this.scratch));
  }
  predict(x: ArrayLike<number>): number {
    return this.score(x);
  }
  scoreRecord(record: FeatureRecord): number {
    return this.model.predict(this.preprocessor.transformRecord(record, this.scratch));
  }
  predictRecord(record: FeatureRecord): number {
    return this.scoreRecord(record);
  }
  scoreDesign(design: ArrayLike<number>, offset = 0): number {
    return this.model.predict(design, offset);
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
  return kind === 'logistic-regression'
    ? new LogisticPredictor(clean, preprocessor)
    : new LinearPredictor(clean, preprocessor);
}
