import type { World } from '../worlds/types';

/** How a feature's value is sent when a data-quality fault touched it. */
export const enum SentAs {
  Value = 0,
  Missing = 1,
  Dropped = 2,
  String = 3,
  Unseen = 4,
}

/** What the serving side is told to do with this request (fault settings, never incident names). */
export interface ServingDirective {
  addedLatencyMs: number;
  /** HTTP status to fail with, or 0 for no failure. */
  failStatus: number;
  unavailable: boolean;
}

/**
 * One simulated request with its ground truth.
 *
 * Simulations reuse one SimEvent object for speed: copy what you keep (`toRecord`) before the next call.
 */
export interface SimEvent {
  id: number;
  /** Simulated epoch milliseconds. */
  time: number;
  world: World;
  client: string;
  /** The true feature values (covariate drift included, data-quality faults not): the label's input. */
  readonly truth: Float64Array;
  /** The values as sent; categorical values are indices. Read with `sentAs` and `fieldNames`. */
  readonly sent: Float64Array;
  /** Per feature, a SentAs code; all zero unless `faulty`. */
  readonly sentAs: Uint8Array;
  /** Per feature, the category sent when sentAs is Unseen. */
  readonly unseen: string[];
  /** The key each feature is sent under (differs from the feature name when a field is renamed). */
  fieldNames: readonly string[];
  /** Whether any data-quality fault touched this event's payload. */
  faulty: boolean;
  /** Ground truth: 0/1 for classification, the value for regression. */
  label: number;
  /** When the label reaches the lab (epoch ms), or NaN when it never does. */
  feedbackAt: number;
  /** The label as delivered (may be flipped by label poisoning). */
  feedbackLabel: number;
  /** Ids of the scenario steps whose window contains this event. */
  incidents: readonly string[];
  serving: ServingDirective | null;
}

export function createEvent(world: World): SimEvent {
  const n = world.features.length;
  return {
    id: 0,
    time: 0,
    world,
    client: '',
    truth: new Float64Array(n),
    sent: new Float64Array(n),
    sentAs: new Uint8Array(n),
    unseen: new Array<string>(n).fill(''),
    fieldNames: world.features.map((f) => f.name),
    faulty: false,
    label: 0,
    feedbackAt: NaN,
    feedbackLabel: 0,
    incidents: [],
    serving: null,
  };
}

/** A plain copy of an event, shaped like its JSONL line. */
export interface EventRecord {
  id: number;
  time: string;
  world: string;
  client: string;
  features: Record<string, number | string | null>;
  label: number;
  feedback: { at: string; label: number } | null;
  incidents: string[];
  serving?: ServingDirective;
}

/** The features exactly as a client sends them, faults included. */
export function sentFeatures(event: SimEvent): Record<string, number | string | null> {
  const out: Record<string, number | string | null> = {};
  const { features } = event.world;
  for (let i = 0; i < features.length; i++) {
    const code = event.sentAs[i] as SentAs;
    if (code === SentAs.Dropped) continue;
    const spec = features[i];
    const key = event.fieldNames[i];
    if (code === SentAs.Missing) out[key] = null;
    else if (code === SentAs.Unseen) out[key] = event.unseen[i];
    else if (spec.kind === 'categorical') out[key] = spec.categories[event.sent[i]];
    else out[key] = code === SentAs.String ? String(event.sent[i]) : event.sent[i];
  }
  return out;
}

export function toRecord(event: SimEvent): EventRecord {
  const record: EventRecord = {
    id: event.id,
    time: new Date(event.time).toISOString(),
    world: event.world.name,
    client: event.client,
    features: sentFeatures(event),
    label: event.label,
    feedback:
      event.feedbackAt === event.feedbackAt
        ? { at: new Date(event.feedbackAt).toISOString(), label: event.feedbackLabel }
        : null,
    incidents: [...event.incidents],
  };
  if (event.serving) record.serving = { ...event.serving };
  return record;
}
