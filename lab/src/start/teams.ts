import { join } from 'node:path';
import type { Exporter } from '@driftlab/exporter';
import type { LabelledLog } from '@driftlab/serving';
import type { ReferenceSource } from '@driftlab/contracts';
import type { Listening } from '../host';
import type { RunningServing } from './serving';
import type { RunState } from './run-state';
import type { EventSink } from './sinks';

/** One team's part of a lab in this process: its data folder, seed, port and what runs for it. */
export interface TeamRun {
  readonly team: string;
  readonly seed: number;
  readonly data: string;
  /** Where its host listens (0: any free port). */
  readonly port: number;
  /** This run's number and start on the team's data directory (where the simulator runs). */
  state?: RunState;
  labelledLog?: LabelledLog;
  exporter?: Exporter;
  /** Where its predictions and labels go (the exporter here, or one in another process). */
  sink?: EventSink;
  /** Serving, hosted on the team's port with whatever shares its process. */
  serving?: RunningServing;
  /** The exporter's or the lab's host, when it runs alone. */
  alone?: Listening;
  registryRefs?: ReferenceSource;
}

/**
 * The teams of a lab. One team keeps the lab's data folder, seed and port; a cohort's team k
 * (from 1) gets data/teams/team-k, seed + k − 1 and port + k − 1, so each team's traffic differs.
 */
export function teamRuns(count: number, seed: number, port: number, data: string): TeamRun[] {
  return Array.from({ length: count }, (_, i) => ({
    team: `team-${i + 1}`,
    seed: (seed + i) % 2 ** 32, // seeds are 32-bit: the last ones wrap around to 0
    data: count === 1 ? data : join(data, 'teams', `team-${i + 1}`),
    port: port === 0 ? 0 : port + i,
  }));
}
