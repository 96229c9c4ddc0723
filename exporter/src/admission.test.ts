import type { FeatureSchema, ModelReference, PredictionBatch, ReferenceSource } from '@driftlab/contracts';
import { Refusal, type IngestLimits } from './admission';
import { Exporter } from './exporter';
import { modelReference } from './testing/reference';

const schema: FeatureSchema = {
  world: 'sea',
  task: 'classification',
  target: { name: 'y', classes: ['no', 'yes'] },
  features: [
    { name: 'x1', kind: 'numeric', min: 0, max: 10, decimals: 3, unit: '' },
    { name: 'colour', kind: 'categorical', categories: ['red', 'green'] },
  ],
};
const reference = modelReference(schema, 500);
const T0 = Date.UTC(2026, 0, 5);
const DAY = 86_400_000;

/** A reference source that knows versions 1 and 2 of `models`, and counts what it was asked. */
function source(models = ['sea', 'credit', 'churn']): ReferenceSource & { asked: number } {
  const known = new Set(models);
  return {
    asked: 0,
    reference(model: string, version: number): ModelReference | null {
      this.asked++;
      return known.has(model) && (version === 1 || version === 2) ? reference : null;
    },
  };
}

let nextId = 0;
function batch(over: Partial<PredictionBatch> = {}, n = 2): PredictionBatch {
  const ids = Array.from({ length: n }, () => `r${nextId++}`);
  return {
    model: 'sea',
    version: 1,
    task: 'classification',
    time: T0,
    requestIds: ids,
    instances: ids.map(() => ({ x1: 1, colour: 'red' })),
    observed: ids.map(() => Float64Array.of(1, 0)),
    faultBits: ids.map(() => new Uint8Array(2)),
    unknownFields: ids.map(() => 0),
    predictions: ids.map(() => 1),
    scores: ids.map(() => 0.8),
    ...over,
  };
}

function exporter(limits: Partial<IngestLimits> = {}, references = source()) {
  return new Exporter({ references, limits, refreshMs: 0 });
}

/** The Refusal `ingestBatches` throws, or fails. */
function refusal(e: Exporter, batches: PredictionBatch[]): Refusal {
  try {
    e.ingestBatches(batches);
  } catch (err) {
    if (err instanceof Refusal) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

/** The windows' counts of a model's version 1 after moving them to its latest event. */
function windowCounts(e: Exporter, model = 'sea') {
  const monitor = e.monitor(model)!;
  monitor.advance();
  const { windows } = monitor.versions().find((v) => v.version === 1)!;
  return {
    predictions: windows.predictions.map((w) => [w.name, w.size]),
    labelled: windows.labelled.map((w) => [w.name, w.size]),
    latest: monitor.latestTimeMs,
    coverage: monitor.labelCoverage.count(monitor.latestTimeMs),
  };
}

describe('admission: what the exporter takes in', () => {
  it('refuses a model the reference source does not know, naming batches[i].model, and counts it', () => {
    const e = exporter();
    const r = refusal(e, [batch(), batch({ model: 'nobody' })]);
    expect(r.message).toBe(
      'batches[1].model: expected a model the exporter has a reference for, got "nobody" (version 1)',
    );
    expect(r.reason).toBe('unknown_model');
    // The whole request is refused: not even the good first batch was recorded.
    expect(e.monitor('sea')).toBeUndefined();
    expect(e.refused.unknown_model).toBe(1);
  });

  it('refuses a version the reference source does not know, and creates no series for it', async () => {
    const e = exporter();
    e.ingestBatches([batch()]);
    const r = refusal(e, [batch({ version: Number.MAX_SAFE_INTEGER })]);
    expect(r.message).toBe(
      'batches[0].version: expected a version of model "sea" the exporter has a reference for, got 9007199254740991',
    );
    expect(r.reason).toBe('unknown_version');
    expect(
      e
        .monitor('sea')!
        .versions()
        .map((v) => v.version),
    ).toEqual([1]);
    expect(await e.metrics.registry.metrics()).not.toContain('9007199254740991');
    // In the same process too (serving's batches): skipped and counted, never thrown.
    expect(e.observeBatch(batch({ version: 3 }))).toBe(false);
    expect(e.refused.unknown_version).toBe(2);
  });

  it.each([
    [{ observed: [Float64Array.of(1, 0, 7)] }, 'batches[0].observed[0]: expected 2 values, one per feature'],
    [{ observed: [Float64Array.of(1)] }, 'batches[0].observed[0]: expected 2 values'],
    [{ faultBits: [new Uint8Array(5)] }, 'batches[0].fault_bits[0]: expected 2 fault bytes'],
    [{ observed: [Float64Array.of(1, 2)] }, 'batches[0].observed[0][1]: expected the index of one of the 2'],
    [{ observed: [Float64Array.of(1, 0.5)] }, 'batches[0].observed[0][1]: expected the index'],
    [
      { task: 'regression' as const },
      'batches[0].task: expected "classification" (version 1 of model "sea")',
    ],
  ])('refuses a batch that does not match its version schema: %#', (over, message) => {
    const e = exporter();
    const r = refusal(e, [batch(over, 1)]);
    expect(r.reason).toBe('schema_mismatch');
    expect(r.message.startsWith(message)).toBe(true);
    expect(e.monitor('sea')).toBeUndefined();
  });

  it('takes in categories as indices, -1 for unseen and NaN for missing', () => {
    const e = exporter();
    const observed = [Float64Array.of(1, 1), Float64Array.of(NaN, -1), Float64Array.of(2, NaN)];
    expect(e.ingestBatches([batch({ observed }, 3)])).toBe(3);
  });

  it.each([1e20, -1, 1.7e9, Date.UTC(2200, 0, 1)])('refuses the event time %d, naming the field', (time) => {
    const e = exporter();
    const r = refusal(e, [batch(), batch({ time })]);
    expect(r.reason).toBe('time_range');
    expect(r.message).toBe(
      `batches[1].time: expected epoch milliseconds from 2000-01-01 (inclusive) to 2200-01-01 UTC, got ${time}`,
    );
    expect(e.refused.time_range).toBe(1);
  });

  it("leaves the windows' counts as they were when it refuses a far-future event", () => {
    nextId = 0;
    const e = exporter();
    for (let m = 0; m < 90; m++) e.ingestBatches([batch({ time: T0 + m * 60_000 }, 10)]);
    for (let m = 0; m < 30; m++)
      e.ingestLabels(
        Array.from({ length: 10 }, (_, k) => ({
          model: 'sea',
          requestId: `r${m * 10 + k}`,
          label: 1,
          time: T0 + 89 * 60_000,
        })),
      );
    const before = windowCounts(e);
    expect(before.predictions).toContainEqual(['last_3600s', 600]);
    expect(before.coverage.predictions).toBeGreaterThan(0);
    const later = T0 + 89 * 60_000 + 31 * DAY;
    const r = refusal(e, [batch({ time: later })]);
    expect(r.reason).toBe('time_ahead');
    expect(r.message).toBe(
      'batches[0].time: expected at most 30 days after the latest event of model "sea" (2026-01-05T01:29:00.000Z), got 2026-02-05T01:29:00.000Z',
    );
    // Serving's path, and a label, refused the same way.
    expect(e.observeBatch(batch({ time: 1e20 }))).toBe(false);
    expect(e.observeLabel({ model: 'sea', requestId: 'r0', label: 1, time: later })).toBe('refused');
    expect(windowCounts(e)).toEqual(before);
    expect(e.refused).toMatchObject({ time_ahead: 2, time_range: 1 });
    // 30 days ahead is still taken in.
    expect(e.observeBatch(batch({ time: T0 + 89 * 60_000 + 30 * DAY }))).toBe(true);
  });

  it('measures "ahead" within a request from the model’s first batch when it has no event yet', () => {
    const e = exporter();
    const r = refusal(e, [batch({ time: T0 }), batch({ time: T0 + 40 * DAY })]);
    expect(r).toMatchObject({ reason: 'time_ahead', field: 'batches[1].time' });
  });

  it('tracks at most `models` models: beyond, a new one is refused without asking the source', () => {
    const references = source(['sea', 'credit', 'churn', 'extra']);
    const e = new Exporter({
      references,
      limits: { models: 2 },
      qualityTargets: { extra: { metric: 'accuracy', value: 0.5 } },
    });
    e.ingestBatches([batch(), batch({ model: 'credit' })]);
    const asked = references.asked;
    const r = refusal(e, [batch({ model: 'churn' })]);
    expect(r.message).toBe(
      'batches[0].model: expected a model the exporter tracks (it tracks at most 2), got "churn"',
    );
    expect(r.reason).toBe('model_limit');
    expect(references.asked).toBe(asked);
    // Two new ones in one request count as two.
    expect(refusal(exporter({ models: 1 }), [batch(), batch({ model: 'credit' })]).reason).toBe(
      'model_limit',
    );
    // A model the configuration names is taken in beyond the bound.
    expect(e.ingestBatches([batch({ model: 'extra' })])).toBe(2);
    expect(e.refused.model_limit).toBe(1);
  });

  it('takes in at most `versionsPerModel` versions of a model over its life', () => {
    const e = exporter({ versionsPerModel: 1 });
    e.ingestBatches([batch()]);
    const r = refusal(e, [batch({ version: 2 })]);
    expect(r).toMatchObject({ reason: 'version_limit', field: 'batches[0].version' });
    expect(e.ingestBatches([batch()])).toBe(2);
  });

  it('bounds the work of one request: instances, model versions, versions of one model', () => {
    const references = source();
    const e = exporter({ instancesPerRequest: 5, pairsPerRequest: 2 }, references);
    expect(refusal(e, [batch({}, 3), batch({}, 3)])).toMatchObject({
      reason: 'request_limit',
      field: 'batches[1].request_ids',
      message:
        'batches[1].request_ids: expected at most 5 instances in one request, all batches together, got 6 by this batch',
    });
    expect(
      refusal(e, [batch({}, 1), batch({ model: 'credit' }, 1), batch({ model: 'churn' }, 1)]).message,
    ).toBe(
      'batches[2].version: expected at most 2 distinct model versions in one request, got "churn" version 1, one more',
    );
    // Versions alternating batch by batch: the third is refused before the source is asked about it.
    const many = Array.from({ length: 5000 }, (_, i) => batch({ version: i + 1 }, 1));
    const asked = references.asked;
    const started = performance.now();
    expect(refusal(exporter({}, references), many)).toMatchObject({
      reason: 'request_limit',
      field: 'batches[2].version',
    });
    expect(performance.now() - started).toBeLessThan(200);
    expect(references.asked - asked).toBe(2);
  });

  it('keeps nothing of distinct names it refuses: memory does not grow with the names sent', async () => {
    const e = exporter();
    for (let i = 0; i < 5000; i++) refusal(e, [batch({ model: `m${i}` })]);
    expect(e.monitor('m1')).toBeUndefined();
    expect(e.refused.unknown_model).toBe(5000);
    const text = await e.metrics.registry.metrics();
    expect(text).toContain('driftlab_exporter_events_refused_total{reason="unknown_model"} 5000');
    expect(text).not.toMatch(/model="m\d+"/);
  });

  it('checks a label time: plausible, and not far ahead of its model', () => {
    const e = exporter();
    e.ingestBatches([batch({ time: T0 })]);
    expect(() =>
      e.ingestLabels([{ model: 'sea', requestId: 'x', label: 1, time: Number.MAX_VALUE }]),
    ).toThrow('labels[0].time: expected epoch milliseconds');
    expect(() => e.ingestLabels([{ model: 'sea', requestId: 'x', label: 1, time: T0 + 31 * DAY }])).toThrow(
      'labels[0].time: expected at most 30 days after the latest event of model "sea"',
    );
    // A model with no event yet has no "now" to be ahead of: its label counts as unknown, as before.
    expect(e.ingestLabels([{ model: 'other', requestId: 'x', label: 1, time: T0 + 99 * DAY }])).toEqual({
      joined: 0,
      duplicate: 0,
      unknown: 1,
    });
  });
});
