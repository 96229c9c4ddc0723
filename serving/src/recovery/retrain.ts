import { classificationMetrics, type Metrics, regressionMetrics } from '@driftlab/contracts';
import type { World } from '@driftlab/simulator';
import { storeTrained } from '../bootstrap';
import { evaluateVersionGates, promoteWithGates, type GateReport, type GateTolerance } from '../gates';
import type { LabelledLog } from '../labelled-log';
import {
  loadModel,
  MIN_RECORDS,
  trainOnRecords,
  DEFAULT_HOLDOUT_FRACTION,
  type LabelledRecord,
  type TrainedModel,
} from '../models';
import type { Deployment, ModelRegistry } from '../registry';
import { RecoveryError } from './errors';

export interface RetrainOptions {
  /** Train on the most recent `last` labelled events of the model (the newest fifth is the holdout). */
  readonly last: number;
  /** Put the new version in service if it passes the promotion gates. */
  readonly promote?: boolean;
  readonly reason?: string;
  readonly tolerance?: Partial<GateTolerance>;
  readonly now?: () => Date;
}

export interface RetrainResult {
  readonly model: string;
  readonly version: number;
  /** Labelled events trained and evaluated on. */
  readonly records: number;
  readonly metrics: TrainedModel['metrics'];
  readonly gates: GateReport;
  readonly promoted: boolean;
  readonly deployment: Deployment | null;
}

export const MAX_RETRAIN_EVENTS = 200_000;

/**
 * Retrains `world`'s model on its most recent labelled events from the labelled log, stores the
 * result as a new version with its gate results, and promotes it when asked and the gates pass.
 * The serving version is scored on the same holdout, so the quality gate compares like with like.
 */
export function retrainFromLog(
  registry: ModelRegistry,
  log: LabelledLog,
  world: World,
  options: RetrainOptions,
): RetrainResult {
  const model = world.name;
  if (!Number.isInteger(options.last) || options.last < MIN_RECORDS || options.last > MAX_RETRAIN_EVENTS)
    throw new RecoveryError(
      `last: expected a whole number of labelled events from ${MIN_RECORDS} to ${MAX_RETRAIN_EVENTS}, got ${options.last}`,
      400,
    );
  const records = log.recentLabelled(model, options.last);
  if (records.length < MIN_RECORDS)
    throw new RecoveryError(
      `${model} has ${records.length} labelled event(s) in the log; a retrain needs at least ${MIN_RECORDS} ` +
        '(labels arrive late: let the lab run longer)',
    );
  const trained = trainOnRecords(world, records, { holdoutFraction: DEFAULT_HOLDOUT_FRACTION });
  const serving = registry.current(model);
  const metrics = serving
    ? {
        ...trained.metrics,
        comparison: { version: serving.version, holdout: scoreOnHoldout(serving, records, trained) },
      }
    : trained.metrics;
  const version = storeTrained(registry, model, { ...trained, metrics });
  const reason = options.reason ?? `retrained on the last ${records.length} labelled events`;
  if (options.promote) {
    const gated = promoteWithGates(registry, model, version, {
      reason,
      tolerance: options.tolerance,
      now: options.now,
    });
    return {
      model,
      version,
      records: records.length,
      metrics,
      gates: gated.results,
      promoted: gated.promoted,
      deployment: gated.deployment,
    };
  }
  const gates = evaluateVersionGates(registry, model, version, {
    tolerance: options.tolerance,
    now: options.now,
  });
  return { model, version, records: records.length, metrics, gates, promoted: false, deployment: null };
}

/** The serving version's metrics on the records the candidate held out. */
function scoreOnHoldout(
  serving: { artifact(): unknown },
  records: readonly LabelledRecord[],
  trained: TrainedModel,
): Metrics {
  const predictor = loadModel(serving.artifact());
  const holdout = records.slice(records.length - trained.trainingWindow.holdout.count);
  const labels = holdout.map((r) => r.label);
  const scores = holdout.map((r) => predictor.scoreRecord(r.features));
  return predictor.task === 'classification'
    ? classificationMetrics(labels, scores)
    : regressionMetrics(labels, scores);
}
