import type { FeatureSchema, LabelledLogSink, LoggedLabel, LoggedPrediction } from '@driftlab/contracts';
import { Exporter } from './exporter';
import { modelReference } from './testing/reference';

const field = (name: string) => ({ name, kind: 'numeric', min: 0, max: 10, decimals: 3, unit: '' }) as const;
const schema: FeatureSchema = {
  world: 'sea',
  task: 'classification',
  target: { name: 'y', classes: ['no', 'yes'] },
  features: [field('x1'), field('x2'), field('x3')],
};
const reference = modelReference(schema, 2000);

/** The labelled log's contract, kept in memory: what the exporter writes to it. */
class RecordingSink implements LabelledLogSink {
  readonly predictions: LoggedPrediction[] = [];
  readonly labels: LoggedLabel[] = [];
  recordPredictions(rows: readonly LoggedPrediction[]): void {
    this.predictions.push(...rows);
  }
  recordLabels(rows: readonly LoggedLabel[]): void {
    this.labels.push(...rows);
  }
}

describe('an exporter started while the lab runs', () => {
  it("joins the labels of predictions served before it started, and counts them in the model's windows", () => {
    const sink = new RecordingSink();
    const exporter = new Exporter({
      references: { reference: () => reference },
      labelledLog: sink,
      storeBatch: 1,
    });
    const t0 = Date.UTC(2026, 0, 5);
    exporter.expectLabels([
      { requestId: 'sea-r1-1', model: 'sea', version: 1, time: t0, prediction: 1, score: 0.9 },
      { requestId: 'sea-r1-2', model: 'sea', version: 1, time: t0 + 1000, prediction: 0, score: 0.2 },
    ]);
    expect(exporter.observeLabel({ model: 'sea', requestId: 'sea-r1-1', label: 1, time: t0 + 60_000 })).toBe(
      'joined',
    );
    expect(exporter.observeLabel({ model: 'sea', requestId: 'sea-r1-1', label: 0, time: t0 + 61_000 })).toBe(
      'duplicate',
    );
    // Not in its windows: still handed to the labelled log, which joins it if it holds the prediction.
    expect(exporter.observeLabel({ model: 'sea', requestId: 'sea-r1-0', label: 0, time: t0 + 62_000 })).toBe(
      'unknown',
    );
    exporter.flush();
    expect(sink.labels.map((l) => l.requestId)).toEqual(['sea-r1-1', 'sea-r1-0']);
    expect(sink.predictions).toEqual([]); // they are in the log already
  });
});
