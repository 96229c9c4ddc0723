/*
 * What the exporter takes in. Events come from other processes (the ingest API) or from serving's
 * clients (X-Event-Time), so none is trusted: a batch must belong to a model version the exporter
 * has a reference for, match that version's schema, and carry a plausible event time; and what one
 * request may cost (work) or create (models, versions: metric series) is bounded. Pure over a view
 * of the exporter's state: a request's items are checked in order, each as if the earlier ones
 * had been recorded, before any is; one refused item refuses the request.
 */
import {
  EVENT_TIME_EXPECTED,
  isEventTime,
  type LabelEvent,
  type ModelReference,
  type PredictionBatch,
} from '@driftlab/contracts';

const DAY_MS = 86_400_000;

export interface IngestLimits {
  /** Models tracked at most: a new model beyond is refused (models the configuration names aside). */
  readonly models: number;
  /** Versions of one model taken in at most, over the exporter's life (each keeps a few counters). */
  readonly versionsPerModel: number;
  /** Instances in one request, all batches together. */
  readonly instancesPerRequest: number;
  /** Distinct (model, version) pairs in one request: each may cost a reference lookup. */
  readonly pairsPerRequest: number;
  /**
   * Distinct versions of one model in one request. A switch to a version no longer tracked
   * allocates its windows (megabytes): versions alternating batch by batch must not repeat that
   * thousands of times per request. Two covers a request that straddles a promotion.
   */
  readonly versionsPerModelPerRequest: number;
  /** How far an event may be ahead of its model's latest event time (simulated ms). */
  readonly maxAheadMs: number;
}

/**
 * Far above a lab's needs (a dozen models, a few retrains an hour, forwarders that send up to 500
 * batches of up to 64 instances) and far below what hurts.
 */
export const DEFAULT_INGEST_LIMITS: IngestLimits = {
  models: 64,
  versionsPerModel: 256,
  instancesPerRequest: 50_000,
  pairsPerRequest: 32,
  versionsPerModelPerRequest: 2,
  maxAheadMs: 30 * DAY_MS,
};

/** Why an event was refused: the `reason` label of driftlab_exporter_events_refused_total (a fixed set). */
export const REFUSAL_REASONS = [
  'unknown_model',
  'unknown_version',
  'schema_mismatch',
  'time_range',
  'time_ahead',
  'model_limit',
  'version_limit',
  'request_limit',
] as const;

export type RefusalReason = (typeof REFUSAL_REASONS)[number];

/** An event the exporter does not take in: the message names the field and what was expected. */
export class Refusal extends Error {
  override readonly name = 'Refusal';
  constructor(
    readonly reason: RefusalReason,
    readonly field: string,
    expected: string,
    got: string,
  ) {
    super(`${field}: expected ${expected}, got ${got}`);
  }
}

/** A model the exporter tracks, as admission sees it. */
export interface TrackedModel {
  /** The newest event time it has taken in (−Infinity before the first). */
  readonly latestTimeMs: number;
  /** Every version it has taken in. */
  readonly versions: ReadonlySet<number>;
}

/** What admission reads of the exporter. */
export interface AdmissionView {
  reference(model: string, version: number): ModelReference | null;
  tracked(model: string): TrackedModel | undefined;
  trackedCount(): number;
  /** Named by the monitoring configuration (exempt from the model bound). */
  configured(model: string): boolean;
}

/** A model as one request has named it so far. */
interface RequestModel {
  readonly tracked: TrackedModel | undefined;
  /** Tracked, named by the configuration or with a version known: an unknown version of it is a version error. */
  known: boolean;
  readonly versions: Map<number, ModelReference>;
  /** Versions new to the model taken in by this request. */
  newVersions: number;
  /** What "ahead" is measured from: the model's latest event, else its first batch in this request. */
  readonly baseMs: number;
}

/** A name in a message: quoted, at most 64 characters of it. */
const quote = (s: string) => JSON.stringify(s.length > 64 ? `${s.slice(0, 64)}…` : s);
const iso = (ms: number) => new Date(ms).toISOString();

function checkTime(time: number, field: string): void {
  if (!isEventTime(time)) throw new Refusal('time_range', field, EVENT_TIME_EXPECTED, String(time));
}

/**
 * The checks of one request (or of one batch serving hands over in the same process): construct
 * one per request, then call `batch` or `label` for each item in order.
 */
export class Admission {
  private instances = 0;
  private pairs = 0;
  private newModels = 0;
  private readonly models = new Map<string, RequestModel>();

  constructor(
    private readonly view: AdmissionView,
    private readonly limits: IngestLimits = DEFAULT_INGEST_LIMITS,
  ) {}

  /** The reference of the batch's version, or a Refusal naming the field at `at`. */
  batch(b: PredictionBatch, at: string): ModelReference {
    checkTime(b.time, `${at}.time`);
    this.instances += b.requestIds.length;
    if (this.instances > this.limits.instancesPerRequest)
      throw new Refusal(
        'request_limit',
        `${at}.request_ids`,
        `at most ${this.limits.instancesPerRequest} instances in one request, all batches together`,
        `${this.instances} by this batch`,
      );
    const model = this.model(b, at);
    const reference = model.versions.get(b.version) ?? this.newVersion(model, b, at);
    checkShape(b, reference, at);
    if (b.time > model.baseMs + this.limits.maxAheadMs)
      throw new Refusal(
        'time_ahead',
        `${at}.time`,
        `at most ${this.limits.maxAheadMs / DAY_MS} days after the latest event of model ${quote(b.model)} (${iso(model.baseMs)})`,
        iso(b.time),
      );
    return reference;
  }

  /** Checks a label's time: plausible, and not far ahead of its model's latest event. */
  label(l: LabelEvent, at: string): void {
    checkTime(l.time, `${at}.time`);
    // A model without an event yet has no "now" to be ahead of (its label joins nothing anyway).
    const latest = this.view.tracked(l.model)?.latestTimeMs ?? -Infinity;
    if (Number.isFinite(latest) && l.time > latest + this.limits.maxAheadMs)
      throw new Refusal(
        'time_ahead',
        `${at}.time`,
        `at most ${this.limits.maxAheadMs / DAY_MS} days after the latest event of model ${quote(l.model)} (${iso(latest)})`,
        iso(l.time),
      );
  }

  /** The model of a batch as this request knows it; a new one only within the model bound. */
  private model(b: PredictionBatch, at: string): RequestModel {
    const seen = this.models.get(b.model);
    if (seen) return seen;
    const tracked = this.view.tracked(b.model);
    const configured = this.view.configured(b.model);
    // Checked before the reference source is asked: names beyond the bound cost no lookup.
    if (!tracked && !configured && this.view.trackedCount() + this.newModels >= this.limits.models)
      throw new Refusal(
        'model_limit',
        `${at}.model`,
        `a model the exporter tracks (it tracks at most ${this.limits.models})`,
        quote(b.model),
      );
    if (!tracked) this.newModels++;
    const latest = tracked?.latestTimeMs ?? -Infinity;
    const model: RequestModel = {
      tracked,
      known: tracked !== undefined || configured,
      versions: new Map(),
      newVersions: 0,
      baseMs: Number.isFinite(latest) ? latest : b.time,
    };
    this.models.set(b.model, model);
    return model;
  }

  /** A version the request had not named yet: within the bounds, and one the reference source knows. */
  private newVersion(model: RequestModel, b: PredictionBatch, at: string): ModelReference {
    const { limits } = this;
    const field = `${at}.version`;
    if (this.pairs >= limits.pairsPerRequest)
      throw new Refusal(
        'request_limit',
        field,
        `at most ${limits.pairsPerRequest} distinct model versions in one request`,
        `${quote(b.model)} version ${b.version}, one more`,
      );
    if (model.versions.size >= limits.versionsPerModelPerRequest)
      throw new Refusal(
        'request_limit',
        field,
        `at most ${limits.versionsPerModelPerRequest} versions of model ${quote(b.model)} in one request`,
        `version ${b.version}, one more`,
      );
    const reference = this.view.reference(b.model, b.version);
    if (!reference) {
      if (model.known)
        throw new Refusal(
          'unknown_version',
          field,
          `a version of model ${quote(b.model)} the exporter has a reference for`,
          String(b.version),
        );
      throw new Refusal(
        'unknown_model',
        `${at}.model`,
        'a model the exporter has a reference for',
        `${quote(b.model)} (version ${b.version})`,
      );
    }
    const tracked = model.tracked;
    if (!tracked?.versions.has(b.version)) {
      if ((tracked?.versions.size ?? 0) + model.newVersions >= limits.versionsPerModel)
        throw new Refusal(
          'version_limit',
          field,
          `a version of model ${quote(b.model)} the exporter tracks (at most ${limits.versionsPerModel} per model)`,
          String(b.version),
        );
      model.newVersions++;
    }
    model.versions.set(b.version, reference);
    model.known = true;
    this.pairs++;
    return reference;
  }
}

/**
 * The batch as its version's schema says: its task, one observed value and one fault byte per
 * feature, categories as indices (−1 unseen, NaN missing). Values beyond would be silently
 * misread: a longer row's extra values dropped, a shorter one's read as missing.
 */
function checkShape(b: PredictionBatch, reference: ModelReference, at: string): void {
  const { schema } = reference;
  const version = `version ${b.version} of model ${quote(b.model)}`;
  if (b.task !== schema.task)
    throw new Refusal(
      'schema_mismatch',
      `${at}.task`,
      `${JSON.stringify(schema.task)} (${version})`,
      quote(b.task),
    );
  const fields = schema.features;
  const n = fields.length;
  for (let i = 0; i < b.observed.length; i++) {
    const row = b.observed[i];
    if (row.length !== n)
      throw new Refusal(
        'schema_mismatch',
        `${at}.observed[${i}]`,
        `${n} values, one per feature of ${version}`,
        `${row.length}`,
      );
    const bits = b.faultBits[i] as ArrayLike<number> | null | undefined;
    if (bits !== null && bits !== undefined && bits.length !== n)
      throw new Refusal(
        'schema_mismatch',
        `${at}.fault_bits[${i}]`,
        `${n} fault bytes, one per feature of ${version}`,
        `${bits.length}`,
      );
    for (let j = 0; j < n; j++) {
      const field = fields[j];
      const v = row[j];
      if (field.kind !== 'categorical' || Number.isNaN(v)) continue;
      if (v !== -1 && !(Number.isInteger(v) && v >= 0 && v < field.categories.length))
        throw new Refusal(
          'schema_mismatch',
          `${at}.observed[${i}][${j}]`,
          `the index of one of the ${field.categories.length} categories of ${quote(field.name)}, -1 (unseen) or null`,
          String(v),
        );
    }
  }
}
