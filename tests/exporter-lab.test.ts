// The monitoring loop end to end in one process, as `driftlab start` wires it: seeded traffic over
// real HTTP into serving, predictions into the exporter, late labels joined, /metrics scraped as
// text and linted by the real promtool. A covariate shift must light up its feature only; a
// concept change must move accuracy and fire a detector.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getWorld, resolveScenario } from '@driftlab/simulator';
import type { ReferenceSource } from '@driftlab/contracts';
import { LabelledLog, registryReferences } from '@driftlab/serving';
import { startServing, type RunningServing } from '@driftlab/lab';
import { Exporter, FAMILIES } from '@driftlab/exporter';
import { driveLab, sampleValue } from './support/lab-driver';
import { promtoolCheckMetrics } from './support/promtool';

const HOUR = 3600_000;

interface Lab {
  serving: RunningServing;
  exporter: Exporter;
  log: LabelledLog;
  dir: string;
  scrape(): Promise<string>;
  close(): Promise<void>;
}

async function startLab(worlds: string[]): Promise<Lab> {
  const dir = mkdtempSync(join(tmpdir(), 'driftlab-exporter-lab-'));
  const log = new LabelledLog(join(dir, 'labelled.sqlite'));
  // Serving opens the registry the exporter reads references from; predictions only come after.
  const started: { references?: ReferenceSource } = {};
  const exporter = new Exporter({
    references: { reference: (m, v) => started.references?.reference(m, v) ?? null },
    labelledLog: log,
  });
  const serving = await startServing({
    registryDir: join(dir, 'registry'),
    worlds: worlds.map((w) => getWorld(w)!),
    seed: 1,
    port: 0,
    labelledLog: log,
    onPredictions: (b) => exporter.observeBatch(b),
    registries: [exporter.metrics.registry],
    // The driver plays the lab's simulator: its X-Event-Time is simulated time, to be believed.
    trustedSender: () => true,
  });
  started.references = registryReferences(serving.registry);
  const running = serving;
  return {
    serving: running,
    exporter,
    log,
    dir,
    scrape: async () => (await fetch(`${running.url}/metrics`)).text(),
    async close() {
      exporter.flush();
      await running.close();
      log.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

describe('the monitoring loop', () => {
  it('a covariate shift of annual_income crosses its drift threshold and no other feature does', async () => {
    const lab = await startLab(['credit']);
    try {
      const scenario = resolveScenario('credit-income-drop');
      const features = getWorld('credit')!.features.map((f) => f.name);
      const detected = (text: string, feature: string) =>
        sampleValue(text, 'driftlab_drift_detected', { model: 'credit', feature });
      let before = '';
      await driveLab({
        servingUrl: lab.serving.url,
        exporter: lab.exporter,
        world: 'credit',
        seed: 7,
        scenario,
        until: 12 * HOUR,
        onProgress: async (_time, elapsed) => {
          if (!before && elapsed >= 5.5 * HOUR) before = await lab.scrape();
        },
      });
      const after = await lab.scrape();
      expect(promtoolCheckMetrics(after)).toBe('');
      // Before the shift nothing has drifted; at 12h (fully shifted since 10h) only annual_income.
      for (const f of features) expect([f, detected(before, f)]).toEqual([f, 0]);
      expect(detected(after, 'annual_income')).toBe(1);
      for (const f of features.filter((f) => f !== 'annual_income'))
        expect([f, detected(after, f)]).toEqual([f, 0]);
      const score = sampleValue(after, 'driftlab_drift_score', {
        model: 'credit',
        feature: 'annual_income',
        method: 'wasserstein_norm',
        threshold: '0.1',
      });
      expect(score).toBeGreaterThan(0.1);
      // Quality holds (P(y|x) did not move) and labels joined.
      expect(
        sampleValue(after, 'driftlab_model_accuracy', { model: 'credit', version: '1', window: 'last_1000' }),
      ).toBeGreaterThan(0.75);
      expect(
        sampleValue(after, 'driftlab_labels_total', { model: 'credit', outcome: 'joined' }),
      ).toBeGreaterThan(50_000);
      expect(sampleValue(after, 'driftlab_labels_total', { model: 'credit', outcome: 'unknown' })).toBe(0);
      // Every exporter family is published (credit is a classifier: the regression ones are absent).
      const regression = [
        'driftlab_model_mean_absolute_error',
        'driftlab_model_root_mean_squared_error',
        'driftlab_model_mean_absolute_percentage_error',
      ];
      const published = new Set([...after.matchAll(/^# TYPE (\S+) /gm)].map((m) => m[1]));
      for (const family of Object.values(FAMILIES)) {
        if (regression.includes(family.name)) continue;
        expect([family.name, published.has(family.name)]).toEqual([family.name, true]);
      }
      // The labelled log holds the joined rows for a retrain.
      lab.exporter.flush();
      expect(lab.log.counts('credit').labelled).toBeGreaterThan(50_000);
    } finally {
      await lab.close();
    }
  }, 120_000);

  it('a concept change moves realized accuracy, not the estimate, and fires the error-stream detectors', async () => {
    const lab = await startLab(['sea']);
    try {
      const accuracy = (text: string, family = 'driftlab_model_accuracy') =>
        sampleValue(text, family, { model: 'sea', version: '1', window: 'last_1000' })!;
      const detections = (text: string, detector: string) =>
        sampleValue(text, 'driftlab_concept_drift_detections_total', {
          model: 'sea',
          version: '1',
          detector,
        }) ?? 0;
      let before = '';
      await driveLab({
        servingUrl: lab.serving.url,
        exporter: lab.exporter,
        world: 'sea',
        seed: 3,
        scenario: resolveScenario('sea-concept-sequence'),
        until: 8 * HOUR,
        onProgress: async (_time, elapsed) => {
          if (!before && elapsed >= 5.5 * HOUR) before = await lab.scrape();
        },
      });
      const after = await lab.scrape();
      expect(promtoolCheckMetrics(after)).toBe('');
      // 6h: the threshold moves from 8 (what the model learned) to 9; two hours of labels show it.
      expect(accuracy(after)).toBeLessThan(accuracy(before) - 0.05);
      // Inputs did not change, so the confidence-based estimate does not see it.
      expect(
        Math.abs(
          accuracy(after, 'driftlab_model_estimated_accuracy') -
            accuracy(before, 'driftlab_model_estimated_accuracy'),
        ),
      ).toBeLessThan(0.03);
      expect(detections(after, 'adwin')).toBeGreaterThan(detections(before, 'adwin'));
      const last = sampleValue(after, 'driftlab_concept_drift_last_detection_timestamp_seconds', {
        model: 'sea',
        version: '1',
        detector: 'adwin',
      })!;
      const start = Date.parse('2026-01-05T00:00:00Z') / 1000;
      expect(last - start).toBeGreaterThan(6 * 3600);

      // No input drift: the features stay quiet.
      for (const f of ['f1', 'f2', 'f3'])
        expect([f, sampleValue(after, 'driftlab_drift_detected', { model: 'sea', feature: f })]).toEqual([
          f,
          0,
        ]);
    } finally {
      await lab.close();
    }
  }, 120_000);

  it('a regressor publishes MAE, RMSE and MAPE, and the whole exposition stays promtool-clean', async () => {
    const lab = await startLab(['delivery']);
    try {
      await driveLab({
        servingUrl: lab.serving.url,
        exporter: lab.exporter,
        world: 'delivery',
        seed: 2,
        until: 3 * HOUR,
      });
      const text = await lab.scrape();
      expect(promtoolCheckMetrics(text)).toBe('');
      const labels = { model: 'delivery', version: '1', window: 'last_1000' };
      const mae = sampleValue(text, 'driftlab_model_mean_absolute_error', labels)!;
      const rmse = sampleValue(text, 'driftlab_model_root_mean_squared_error', labels)!;
      expect(mae).toBeGreaterThan(0);
      expect(rmse).toBeGreaterThanOrEqual(mae);
      expect(sampleValue(text, 'driftlab_model_mean_absolute_percentage_error', labels)).toBeGreaterThan(0);
      expect(sampleValue(text, 'driftlab_model_accuracy', labels)).toBeUndefined();
    } finally {
      await lab.close();
    }
  }, 120_000);
});
