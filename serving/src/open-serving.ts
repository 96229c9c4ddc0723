import type { Router } from 'express';
import type { Logger } from 'winston';
import type { World } from '@driftlab/simulator';
import { ensureModels } from './bootstrap';
import { RegistryCatalog } from './catalog';
import { predictionRoutes, type PredictionRoutesOptions } from './http/routes';
import { FaultInjector } from './http/faults';
import { DEFAULT_INPUT_POLICY, type InputPolicy } from './http/input-policy';
import { ServingMetrics } from './http/metrics';
import type { LabelledLog } from './labelled-log';
import { Recovery } from './recovery';
import { ModelRegistry } from './registry';

export interface ServingOptions {
  /** The registry's directory (created when missing). */
  readonly registryDir: string;
  readonly worlds: readonly World[];
  /** Seed of the simulated data initial models train on. */
  readonly seed: number;
  readonly policy?: InputPolicy;
  readonly logger?: Logger;
  /** Receives every answered request's predictions (the exporter, or a forwarder to it). */
  readonly onPredictions?: PredictionRoutesOptions['onPredictions'];
  readonly recoveryHooks?: PredictionRoutesOptions['recoveryHooks'];
  readonly requestFaults?: PredictionRoutesOptions['requestFaults'];
  readonly trustedSender?: PredictionRoutesOptions['trustedSender'];
  /** The labelled log retrains read from (owned by the caller, who closes it); without it, retrain answers 409. */
  readonly labelledLog?: LabelledLog;
}

/** Serving, open and ready to be hosted: its state and its router. */
export interface Serving {
  readonly registry: ModelRegistry;
  readonly catalog: RegistryCatalog;
  readonly faults: FaultInjector;
  readonly metrics: ServingMetrics;
  readonly recovery: Recovery;
  /** The prediction and recovery routes, for the lab's host. */
  readonly router: Router;
  /** Releases the registry (its lock). */
  close(): void;
}

/** Opens the registry (training first models when needed) and builds the prediction routes. */
export function openServing(options: ServingOptions): Serving {
  const registry = ModelRegistry.open(options.registryDir);
  const trained = ensureModels(registry, options.worlds, options.seed, (model) =>
    options.logger?.info(`training the first ${model} model (once, on first start)`, { model }),
  );
  if (trained.length > 0) options.logger?.info('trained initial models', { models: trained });
  const catalog = new RegistryCatalog(registry);
  const faults = new FaultInjector();
  const metrics = new ServingMetrics();
  metrics.registryState.attach(registry);
  const recovery = new Recovery(registry, options.worlds, options.labelledLog ?? null, () =>
    catalog.refresh(),
  );
  const router = predictionRoutes({
    catalog,
    faults,
    metrics,
    logger: options.logger,
    recovery,
    onPredictions: options.onPredictions,
    recoveryHooks: options.recoveryHooks,
    requestFaults: options.requestFaults,
    trustedSender: options.trustedSender,
    policy: options.policy ?? DEFAULT_INPUT_POLICY,
  });
  return { registry, catalog, faults, metrics, recovery, router, close: () => registry.close() };
}
