import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getWorld } from '@driftlab/simulator';
import { ensureModels, storeTrained } from '../bootstrap';
import { promoteWithGates } from '../gates';
import { trainModel } from '../models';
import { ModelRegistry } from '../registry';
import { openMetricsToText } from './exposition';
import { ServingMetrics } from './metrics';

let dir: string;
let registry: ModelRegistry;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'driftlab-registry-metrics-'));
  registry = ModelRegistry.open(join(dir, 'registry'));
  ensureModels(registry, [getWorld('credit')!], 1);
});
afterAll(() => {
  registry.close();
  rmSync(dir, { recursive: true, force: true });
});

async function scrape(metrics: ServingMetrics): Promise<string> {
  return openMetricsToText(await metrics.registry.metrics());
}

function value(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('registry metrics', () => {
  it('publish nothing before a registry is attached', async () => {
    const text = await scrape(new ServingMetrics());
    expect(text).not.toMatch(/^driftlab_model_serving_version\{/m);
  });

  it('follow promotions, rejections and rollbacks at the next scrape, zeros included', async () => {
    const metrics = new ServingMetrics();
    metrics.registryState.attach(registry);
    let text = await scrape(metrics);
    expect(value(text, 'driftlab_model_serving_version{model="credit"}')).toBe(1);
    expect(value(text, 'driftlab_model_deployments_total{model="credit",action="promote"}')).toBe(1);
    expect(value(text, 'driftlab_model_deployments_total{model="credit",action="rollback"}')).toBe(0);
    expect(value(text, 'driftlab_model_versions{model="credit",status="serving"}')).toBe(1);
    expect(value(text, 'driftlab_model_versions{model="credit",status="rejected"}')).toBe(0);
    expect(value(text, 'driftlab_model_retrains_total{model="credit"}')).toBe(0);

    // A good candidate passes its gates and serves; a bad one (negated coefficients) is rejected.
    const good = storeTrained(
      registry,
      'credit',
      trainModel(getWorld('credit')!, { seed: 8, trainSize: 5000 }),
    );
    expect(promoteWithGates(registry, 'credit', good, { reason: 'fresher data' }).promoted).toBe(true);
    const trained = trainModel(getWorld('credit')!, { seed: 9, trainSize: 5000 });
    const artifact = JSON.parse(JSON.stringify(trained.artifact)) as { coefficients: number[] };
    artifact.coefficients = artifact.coefficients.map((c) => -c);
    const bad = storeTrained(registry, 'credit', {
      ...trained,
      artifact: artifact as unknown as typeof trained.artifact,
    });
    expect(promoteWithGates(registry, 'credit', bad, { reason: 'broken' }).promoted).toBe(false);
    registry.rollback('credit', 1, 'back to the first');

    await new Promise((r) => setTimeout(r, 300)); // past the per-scrape snapshot
    text = await scrape(metrics);
    expect(value(text, 'driftlab_model_serving_version{model="credit"}')).toBe(1);
    expect(value(text, 'driftlab_model_serving_version_info{model="credit",version="1"}')).toBe(1);
    expect(text).not.toContain('driftlab_model_serving_version_info{model="credit",version="2"}');
    expect(value(text, 'driftlab_model_deployments_total{model="credit",action="promote"}')).toBe(2);
    expect(value(text, 'driftlab_model_deployments_total{model="credit",action="rollback"}')).toBe(1);
    expect(value(text, 'driftlab_model_versions{model="credit",status="rejected"}')).toBe(1);
    expect(value(text, 'driftlab_model_versions{model="credit",status="retired"}')).toBe(1);
    expect(value(text, 'driftlab_model_promotion_gate_results_total{model="credit",outcome="passed"}')).toBe(
      1,
    );
    expect(value(text, 'driftlab_model_promotion_gate_results_total{model="credit",outcome="failed"}')).toBe(
      1,
    );
    const at = value(text, 'driftlab_model_last_deployment_timestamp_seconds{model="credit"}')!;
    expect(Math.abs(at - Date.now() / 1000)).toBeLessThan(60);
  });
});
