import type { World } from '@driftlab/simulator';
import { promoteWithGates, type GatedPromotion } from '../gates';
import type { LabelledLog } from '../labelled-log';
import { RegistryError, type Deployment, type ModelRegistry, type VersionListing } from '../registry';
import { RecoveryError } from './errors';
import { retrainFromLog, type RetrainOptions, type RetrainResult } from './retrain';

/** A version as the recovery API lists it: enough to choose what to roll back or promote to. */
export interface VersionSummary {
  readonly version: number;
  readonly status: VersionListing['status'];
  readonly createdAt?: string;
  readonly trainingWindow?: Readonly<Record<string, unknown>>;
  readonly holdout?: unknown;
  readonly gates?: unknown;
  readonly problem?: string;
}

/**
 * The recovery actions over one registry and labelled log, for the HTTP API and the CLI alike:
 * list versions and deployments, roll back, promote through the gates, retrain. After each change
 * `onChange` runs (serving refreshes its catalog there). Registry errors become RecoveryErrors
 * with the HTTP status they answer with.
 */
export class Recovery {
  constructor(
    private readonly registry: ModelRegistry,
    private readonly worlds: readonly World[],
    private readonly log: LabelledLog | null,
    private readonly onChange: () => void = () => {},
  ) {}

  versions(model: string): VersionSummary[] {
    return this.guard(() => {
      this.known(model);
      return this.registry.versions(model).map((v) =>
        v.status === 'unreadable'
          ? { version: v.version, status: v.status, problem: v.problem }
          : {
              version: v.version,
              status: v.status,
              createdAt: v.createdAt,
              trainingWindow: v.trainingWindow,
              holdout: v.metrics.holdout,
              gates: v.gates,
            },
      );
    });
  }

  deployments(model: string): Deployment[] {
    return this.guard(() => {
      this.known(model);
      return this.registry.deployments(model);
    });
  }

  rollback(model: string, version: number, reason: string): Deployment {
    return this.changing(() => this.registry.rollback(model, version, reason));
  }

  promote(model: string, version: number, reason: string): GatedPromotion {
    return this.changing(() => promoteWithGates(this.registry, model, version, { reason }));
  }

  retrain(model: string, options: RetrainOptions): RetrainResult {
    const world = this.worlds.find((w) => w.name === model);
    if (!world) throw new RecoveryError(`no model named "${model}"`, 404);
    if (!this.log) throw new RecoveryError('no labelled log is configured: nothing to retrain on');
    return this.changing(() => retrainFromLog(this.registry, this.log!, world, options));
  }

  private known(model: string): void {
    if (!this.registry.models().includes(model)) throw new RecoveryError(`no model named "${model}"`, 404);
  }

  private changing<T>(action: () => T): T {
    try {
      return this.guard(action);
    } finally {
      this.onChange();
    }
  }

  private guard<T>(action: () => T): T {
    try {
      return action();
    } catch (e) {
      if (e instanceof RegistryError) {
        const status =
          e.code === 'not-found' ? 404 : e.code === 'invalid' ? 400 : e.code === 'conflict' ? 409 : null;
        if (status) throw new RecoveryError(e.message, status);
      }
      throw e;
    }
  }
}
