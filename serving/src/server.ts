import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'winston';
import type { World } from '@driftlab/simulator';
import { ensureModels } from './bootstrap';
import { RegistryCatalog } from './catalog';
import { createPredictionApp, type PredictionAppOptions } from './http/app';
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
  readonly port: number;
  readonly host?: string;
  readonly policy?: InputPolicy;
  readonly logger?: Logger;
  /** Receives every answered request's predictions (the exporter, in one process). */
  readonly onPredictions?: PredictionAppOptions['onPredictions'];
  /** Other registries published on the same /metrics (the exporter's). */
  readonly extraRegistries?: PredictionAppOptions['extraRegistries'];
  /** Adds routes of other components to the same port before the catch-all 404. */
  readonly mount?: PredictionAppOptions['mount'];
  readonly recoveryHooks?: PredictionAppOptions['recoveryHooks'];
  readonly openapi?: PredictionAppOptions['openapi'];
  readonly requestFaults?: PredictionAppOptions['requestFaults'];
  /** The labelled log retrains read from (owned by the caller, who closes it); without it, retrain answers 409. */
  readonly labelledLog?: LabelledLog;
}

export interface RunningServing {
  readonly url: string;
  readonly registry: ModelRegistry;
  readonly catalog: RegistryCatalog;
  readonly faults: FaultInjector;
  readonly metrics: ServingMetrics;
  readonly recovery: Recovery;
  close(): Promise<void>;
}

/** Opens the registry (training first models when needed) and serves predictions over HTTP. */
export async function startServing(options: ServingOptions): Promise<RunningServing> {
  const registry = ModelRegistry.open(options.registryDir);
  const trained = ensureModels(registry, options.worlds, options.seed);
  if (trained.length > 0) options.logger?.info('trained initial models', { models: trained });
  const catalog = new RegistryCatalog(registry);
  const faults = new FaultInjector();
  const metrics = new ServingMetrics();
  metrics.registryState.attach(registry);
  const recovery = new Recovery(registry, options.worlds, options.labelledLog ?? null, () =>
    catalog.refresh(),
  );
  const app = createPredictionApp({
    catalog,
    faults,
    metrics,
    logger: options.logger,
    recovery,
    onPredictions: options.onPredictions,
    extraRegistries: options.extraRegistries,
    mount: options.mount,
    recoveryHooks: options.recoveryHooks,
    openapi: options.openapi,
    requestFaults: options.requestFaults,
    policy: options.policy ?? DEFAULT_INPUT_POLICY,
  });
  const server: Server = app.listen(options.port, options.host ?? '127.0.0.1');
  try {
    await once(server, 'listening');
  } catch (e) {
    registry.close(); // a port in use must not leave the registry locked
    throw e;
  }
  const { address, port } = server.address() as AddressInfo;
  const url = `http://${address.includes(':') ? `[${address}]` : address}:${port}`;
  options.logger?.info('serving', { url, models: catalog.names() });
  return {
    url,
    registry,
    catalog,
    faults,
    metrics,
    recovery,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      registry.close();
    },
  };
}
