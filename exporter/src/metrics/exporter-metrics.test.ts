import type { FeatureSchema, ReferenceProfile, SchemaField } from '@driftlab/contracts';
import { Counter, Gauge, Registry } from 'prom-client';
import { categoricalProfile, numericProfile } from '@driftlab/contracts';
import { Exporter } from '../exporter';

let seed = 17;
const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;

// Label values prom-client must escape: a quote, a backslash, a newline.
const categories = ['plain', 'say "hi"', 'back\\slash', 'two\nlines'];
const fields: SchemaField[] = [
  { name: 'amount', kind: 'numeric', min: 0, max: 100, decimals: 2, unit: '' },
  { name: 'odd "name"', kind: 'categorical', categories },
];
const schema: FeatureSchema = {
  world: 'test',
  task: 'classification',
  target: { name: 'y', classes: ['no', 'yes'] },
  features: fields,
};
const profile: ReferenceProfile = {
  size: 2000,
  features: [
    numericProfile(
      'amount',
      Array.from({ length: 2000 }, () => random() * 100),
    ),
    categoricalProfile(
      'odd "name"',
      categories,
      Array.from({ length: 2000 }, () => Math.floor(random() * 3)),
    ),
  ],
  target: categoricalProfile('y', ['0', '1'], [0, 1]),
  prediction: numericProfile(
    'prediction',
    Array.from({ length: 2000 }, () => random()),
  ),
};

function exporterWithTraffic(): Exporter {
  const exporter = new Exporter({ references: { reference: () => ({ schema, profile }) } });
  let id = 0;
  for (const model of ['credit', 'churn']) {
    const n = 300;
    const rows = Array.from({ length: n }, () => [random() * 120, Math.floor(random() * 4)]);
    const ids = rows.map(() => `r${id++}`);
    const scores = rows.map(() => random());
    exporter.observeBatch({
      model,
      version: 1,
      task: 'classification',
      time: 1_700_000_000_000 + id,
      requestIds: ids,
      instances: rows,
      observed: rows.map((r) => Float64Array.from(r)),
      faultBits: rows.map(() => new Uint8Array(2)),
      unknownFields: rows.map(() => 0),
      predictions: scores.map((s) => (s > 0.5 ? 1 : 0)),
      scores,
    });
    for (const requestId of ids.slice(0, 200))
      exporter.observeLabel({ model, requestId, label: random() < 0.4 ? 1 : 0, time: 1_700_000_100_000 });
    exporter.observeLabel({ model, requestId: 'nobody', label: 1, time: 1_700_000_100_000 });
  }
  return exporter;
}

/** The same series rendered by prom-client's own gauges and counters, labels as objects. */
async function renderedByPromClient(registry: Registry): Promise<string> {
  const reference = new Registry();
  reference.setContentType(Registry.OPENMETRICS_CONTENT_TYPE as never);
  for (const metric of registry.getMetricsAsArray()) {
    const family = metric as unknown as {
      get(): Promise<{
        name: string;
        help: string;
        type: string;
        values: { labels: Record<string, string>; value: number }[];
      }>;
    };
    const { name, help, type, values } = await family.get();
    const config = {
      name: type === 'counter' ? `${name.replace(/_total$/, '')}_total` : name,
      help,
      labelNames: (metric as unknown as { labelNames: string[] }).labelNames,
      registers: [reference],
    };
    if (type === 'counter') {
      const counter = new Counter(config);
      for (const v of values) counter.inc(v.labels, v.value);
    } else {
      const gauge = new Gauge(config);
      for (const v of values) gauge.set(v.labels, v.value);
    }
  }
  return reference.metrics();
}

describe('ExporterMetrics', () => {
  it('writes exactly what prom-client writes for the same series, escapes included', async () => {
    const exporter = exporterWithTraffic();
    const registry = exporter.metrics.registry;
    const text = await registry.metrics();
    expect(text).toBe(await renderedByPromClient(registry as unknown as Registry));
    expect(text).toContain('feature="odd \\"name\\"",sample="current",bin="two\\nlines"');
    expect(text).toContain('driftlab_labels_total{model="credit",outcome="unknown"} 1');
    // In a merged registry (as serving exposes it) too.
    const merged = Registry.merge([registry as unknown as Registry]);
    expect(await merged.metrics()).toBe(text);
  });

  it('keeps counters and moves gauges between scrapes, and reuses the values while nothing arrives', async () => {
    const exporter = exporterWithTraffic();
    const registry = exporter.metrics.registry;
    const first = await registry.metrics();
    const sample = (text: string, line: string) =>
      Number(
        text
          .split('\n')
          .find((l) => l.startsWith(line))!
          .split(' ')
          .pop(),
      );
    expect(sample(first, 'driftlab_labels_total{model="credit",outcome="joined"}')).toBe(200);
    exporter.observeLabel({ model: 'credit', requestId: 'r250', label: 1, time: 1_700_000_200_000 });
    await new Promise((r) => setTimeout(r, 60));
    const second = await registry.metrics();
    expect(sample(second, 'driftlab_labels_total{model="credit",outcome="joined"}')).toBe(201);
    expect(
      sample(second, 'driftlab_window_labelled_predictions{model="credit",version="1",window="last_1000"}'),
    ).toBe(201);
    await new Promise((r) => setTimeout(r, 60));
    expect(await registry.metrics()).toBe(second);
    const json = await registry.getMetricsAsJSON();
    const bins = json.find((m) => m.name === 'driftlab_drift_bin_proportion')!;
    expect(bins.values[0].labels).toEqual({
      model: 'credit',
      feature: 'amount',
      sample: 'reference',
      bin: expect.any(String),
    });
  });

  it('publishes label coverage per model over the predictions made 60 to 30 minutes ago', async () => {
    const exporter = new Exporter({ references: { reference: () => ({ schema, profile }) }, refreshMs: 0 });
    const start = 1_700_000_040_000; // a whole minute
    const coverage = async () =>
      (await exporter.metrics.registry.getMetricsAsJSON()).find(
        (m) => m.name === 'driftlab_label_coverage_ratio',
      )!.values;
    // One prediction a second for 75 minutes; the labels of three in four come ten minutes later.
    const predict = (id: string, time: number) =>
      exporter.observeBatch({
        model: 'credit',
        version: 1,
        task: 'classification',
        time,
        requestIds: [id],
        instances: [[50, 1]],
        observed: [Float64Array.of(50, 1)],
        faultBits: [new Uint8Array(2)],
        unknownFields: [0],
        predictions: [1],
        scores: [0.9],
      });
    let labelledUpTo = 0;
    for (let s = 0; s <= 75 * 60; s++) {
      const time = start + s * 1000;
      predict(`r${s}`, time);
      for (; labelledUpTo * 1000 + 600_000 <= s * 1000; labelledUpTo++)
        if (labelledUpTo % 4 !== 3)
          exporter.observeLabel({ model: 'credit', requestId: `r${labelledUpTo}`, label: 1, time });
      // Until 30 minutes in, no prediction is old enough to say anything.
      if (s === 30 * 60) expect(await coverage()).toEqual([]);
      // At 40 minutes the band (made in the first 10 minutes) holds 600 predictions, three in four labelled.
      if (s === 40 * 60) expect(await coverage()).toEqual([{ labels: { model: 'credit' }, value: 0.75 }]);
    }
    // A burst of 5,000 unlabelled predictions in the last minute changes nothing: they are too young.
    for (let i = 0; i < 5000; i++) predict(`burst${i}`, start + 75 * 60_000 + i);
    expect(await coverage()).toEqual([{ labels: { model: 'credit' }, value: 0.75 }]);
  });
});
