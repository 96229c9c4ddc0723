import {
  calibrationBins,
  categoricalProfile,
  type CalibrationBins,
  classificationMetrics,
  numericProfile,
  type FeatureProfile,
  type FeatureRecord,
  type FeatureSchema,
  type Metrics,
  type ReferenceProfile,
  regressionMetrics,
} from '@driftlab/contracts';
import { Simulation, type World } from '@driftlab/simulator';
import { loadModel, type ModelArtifact } from './artifact';
import { expectObject, ModelError } from './errors';
import { matrix, type Matrix } from './linalg';
import { fitLinear } from './linear';
import { fitLogistic } from './logistic';
import { Preprocessor, recordToVector } from './preprocess';

import { featureSchema } from './schema';

/*
 * Training a world's toy model: logistic regression for classification worlds, linear regression
 * for regression ones, on standardised / one-hot features (preprocess.ts), evaluated on a holdout
 * that follows the training data in time, as it would in production.
 */

export const DEFAULT_TRAIN_SIZE = 20_000;
export const DEFAULT_HOLDOUT_SIZE = 5_000;
/** trainOnRecords: the newest fifth of the records is the holdout. */
export const DEFAULT_HOLDOUT_FRACTION = 0.2;
/** Fewer records than this cannot give a model and a holdout worth a promotion decision. */
export const MIN_RECORDS = 10;

export interface TrainOptions {
  readonly seed: number;
  /** Events for training, the first ones of the simulation (default 20,000). */
  readonly trainSize?: number;
  /** Events for the holdout, the ones right after (default 5,000). */
  readonly holdoutSize?: number;
  /** Logistic regression's inverse penalty (default 1, as scikit-learn). */
  readonly C?: number;
}

export interface RecordsOptions {
  /** Share of the records, the newest ones, held out (default 0.2). */
  readonly holdoutFraction?: number;
  readonly C?: number;
}

/** A logged, labelled request: the payload as received and its (late) ground truth. */
export interface LabelledRecord {
  readonly features: FeatureRecord;
  readonly label: number;
  /** When the request was made: ISO 8601 or epoch milliseconds; used for the training window only. */
  readonly time?: string | number;
}

export interface ModelMetrics {
  /** The model on the holdout. */
  readonly holdout: Metrics;
  /** A trivial model on the same holdout: the training share of 1s (classification) or the training mean. */
  readonly baseline: Metrics;
  /** The model on its own training data: far better than holdout means overfitting. */
  readonly training: Metrics;
  /** Classifiers: the holdout's scores against its labels, for the exporter's calibration. */
  readonly calibration?: CalibrationBins;
}

export interface WindowPart {
  readonly count: number;
  /** ISO 8601 time of the first and last row, when known. */
  readonly from: string | null;
  readonly to: string | null;
}

export interface TrainingWindow {
  readonly source: 'simulation' | 'records';
  /** The simulation seed, for `source: 'simulation'`. */
  readonly seed: number | null;
  readonly training: WindowPart;
  readonly holdout: WindowPart;
}

export interface TrainedModel {
  readonly artifact: ModelArtifact;
  readonly metrics: ModelMetrics;
  readonly schema: FeatureSchema;
  readonly profile: ReferenceProfile;
  readonly trainingWindow: TrainingWindow;
}

/** Raw rows: feature vectors in world order (category indices, NaN for missing), labels, times. */
interface Dataset {
  readonly x: Matrix;
  readonly y: Float64Array;
  readonly times: (number | null)[];
}

/** Trains on the first `trainSize` events of a seeded simulation and evaluates on the next `holdoutSize`. */
export function trainModel(world: World, options: TrainOptions): TrainedModel {
  const trainSize = options.trainSize ?? DEFAULT_TRAIN_SIZE;
  const holdoutSize = options.holdoutSize ?? DEFAULT_HOLDOUT_SIZE;
  if (!Number.isInteger(trainSize) || trainSize < MIN_RECORDS)
    throw new ModelError('trainSize', `a whole number of at least ${MIN_RECORDS}`, trainSize);
  if (!Number.isInteger(holdoutSize) || holdoutSize < 1)
    throw new ModelError('holdoutSize', 'a whole number of at least 1', holdoutSize);
  if (!Number.isFinite(options.seed)) throw new ModelError('seed', 'a finite number', options.seed);
  const simulation = new Simulation({ world, seed: options.seed });
  const train = simulate(simulation, trainSize);
  const holdout = simulate(simulation, holdoutSize);
  return fitAndEvaluate(world, train, holdout, options.C, 'simulation', options.seed);
}

/**
 * Retrains on logged labelled events, oldest first: the newest `holdoutFraction` is the holdout.
 * Payloads are read like requests: missing values and unknown categories are allowed (see
 * preprocess.ts); a record that is not an object or a label of the wrong kind throws a ModelError
 * naming the record.
 */
export function trainOnRecords(
  world: World,
  records: readonly LabelledRecord[],
  options: RecordsOptions = {},
): TrainedModel {
  const fraction = options.holdoutFraction ?? DEFAULT_HOLDOUT_FRACTION;
  if (!(fraction > 0 && fraction < 1))
    throw new ModelError('holdoutFraction', 'a number in (0, 1)', fraction);
  if (!Array.isArray(records) || records.length < MIN_RECORDS)
    throw new ModelError('records', `at least ${MIN_RECORDS} labelled records`, records?.length ?? records);
  const n = records.length;
  const holdoutCount = Math.max(1, Math.round(n * fraction));
  const all = fromRecords(world, records);
  const split = (from: number, to: number): Dataset => ({
    x: { rows: to - from, cols: all.x.cols, data: all.x.data.subarray(from * all.x.cols, to * all.x.cols) },
    y: all.y.subarray(from, to),
    times: all.times.slice(from, to),
  });
  return fitAndEvaluate(
    world,
    split(0, n - holdoutCount),
    split(n - holdoutCount, n),
    options.C,
    'records',
    null,
  );
}

function simulate(simulation: Simulation, count: number): Dataset {
  const p = simulation.world.features.length;
  const x = matrix(count, p);
  const y = new Float64Array(count);
  const times: number[] = new Array<number>(count);
  for (let i = 0; i < count; i++) {
    const event = simulation.next();
    x.data.set(event.truth, i * p);
    y[i] = event.label;
    times[i] = event.time;
  }
  return { x, y, times };
}

function fromRecords(world: World, records: readonly LabelledRecord[]): Dataset {
  const p = world.features.length;
  const x = matrix(records.length, p);
  const y = new Float64Array(records.length);
  const row = new Float64Array(p);
  const times = records.map((r, i) => {
    const at = `records[${i}]`;
    const o = expectObject(r, at);
    const features = expectObject(o.features, `${at}.features`) as FeatureRecord;
    const label = o.label;
    if (world.task === 'classification' ? label !== 0 && label !== 1 : !Number.isFinite(label))
      throw new ModelError(
        `${at}.label`,
        world.task === 'classification' ? '0 or 1' : 'a finite number',
        label,
      );
    y[i] = label as number;
    x.data.set(recordToVector(world.features, features, row), i * p);
    return timeOf(o.time);
  });
  return { x, y, times };
}

function timeOf(t: unknown): number | null {
  const ms = typeof t === 'number' ? t : typeof t === 'string' ? Date.parse(t) : NaN;
  return Number.isFinite(ms) ? ms : null;
}

function fitAndEvaluate(
  world: World,
  train: Dataset,
  holdout: Dataset,
  C: number | undefined,
  source: TrainingWindow['source'],
  seed: number | null,
): TrainedModel {
  const classification = world.task === 'classification';
  const preprocessor = Preprocessor.fit(world.features, train.x);
  const design = designMatrix(preprocessor, train.x);
  const fit = classification ? fitLogistic(design, train.y, { C }) : fitLinear(design, train.y);
  const artifact: ModelArtifact = {
    kind: classification ? 'logistic-regression' : 'linear-regression',
    world: world.name,
    preprocessing: preprocessor.spec,
    coefficients: Array.from(fit.coefficients),
    intercept: fit.intercept,
  };
  // Score through the loaded artifact, so the metrics describe exactly what serving will run.
  const predictor = loadModel(artifact);
  const scoreAll = (x: Matrix): Float64Array => {
    const d = designMatrix(preprocessor, x);
    const out = new Float64Array(x.rows);
    for (let i = 0; i < x.rows; i++) out[i] = predictor.scoreDesign(d.data, i * d.cols);
    return out;
  };
  const trainScores = scoreAll(train.x);
  const holdoutScores = scoreAll(holdout.x);
  let trainMean = 0;
  for (let i = 0; i < train.y.length; i++) trainMean += train.y[i];
  trainMean /= train.y.length;
  const evaluate = classification ? classificationMetrics : regressionMetrics;
  const metrics: ModelMetrics = {
    holdout: evaluate(holdout.y, holdoutScores),
    baseline: evaluate(holdout.y, new Float64Array(holdout.y.length).fill(trainMean)),
    training: evaluate(train.y, trainScores),
    ...(classification ? { calibration: calibrationBins(holdout.y, holdoutScores) } : {}),
  };
  const profile: ReferenceProfile = {
    size: train.x.rows,
    features: world.features.map((f, j): FeatureProfile => {
      const values = column(train.x, j);
      return f.kind === 'numeric'
        ? numericProfile(f.name, values)
        : categoricalProfile(f.name, f.categories, values);
    }),
    target: classification
      ? categoricalProfile(world.target.name, ['0', '1'], train.y)
      : numericProfile(world.target.name, train.y),
    prediction: numericProfile('prediction', trainScores),
  };
  return {
    artifact,
    metrics,
    schema: featureSchema(world),
    profile,
    trainingWindow: { source, seed, training: windowPart(train), holdout: windowPart(holdout) },
  };
}

function designMatrix(preprocessor: Preprocessor, x: Matrix): Matrix {
  const d = matrix(x.rows, preprocessor.width);
  for (let i = 0; i < x.rows; i++)
    preprocessor.transform(x.data.subarray(i * x.cols, (i + 1) * x.cols), d.data, i * d.cols);
  return d;
}

function column(x: Matrix, j: number): Float64Array {
  const out = new Float64Array(x.rows);
  for (let i = 0; i < x.rows; i++) out[i] = x.data[i * x.cols + j];
  return out;
}

function windowPart(data: Dataset): WindowPart {
  let from = Infinity;
  let to = -Infinity;
  for (const t of data.times) {
    if (t === null) continue;
    if (t < from) from = t;
    if (t > to) to = t;
  }
  const known = from <= to;
  return {
    count: data.x.rows,
    from: known ? new Date(from).toISOString() : null,
    to: known ? new Date(to).toISOString() : null,
  };
}
