// Serving's /metrics as Prometheus sees it: clean under the real `promtool check metrics`, and
// scraped by a real Prometheus (exemplar storage on) that keeps the trace ids of slow requests.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { getWorld } from '@driftlab/simulator';
import { startTelemetry, type Telemetry } from '@driftlab/serving';
import { startServing, type RunningServing } from '@driftlab/lab';
import { promtoolCheckMetrics } from './support/promtool';
import { startPrometheus, type RunningPrometheus } from './support/prometheus';

const APPLICANT = { age: 40, annual_income: 52000 };

let dir: string;
let serving: RunningServing;
let telemetry: Telemetry;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'driftlab-serving-metrics-'));
  telemetry = startTelemetry({ serviceName: 'test', env: {} });
  serving = await startServing({
    registryDir: join(dir, 'registry'),
    worlds: [getWorld('credit')!],
    seed: 1,
    port: 0,
  });
  const post = (body: unknown) =>
    fetch(`${serving.url}/v1/models/credit:predict`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  // Every family gets samples: answers, a 400 with input faults, a served fault (503).
  for (let i = 0; i < 20; i++)
    await post({ instances: [APPLICANT, { ...APPLICANT, region: 'atlantis', nickname: 'x' }] });
  await post({ instances: [{ age: 'old' }] });
  serving.faults.set('credit', { unavailable: true });
  await post({ instances: [APPLICANT] });
  serving.faults.clear();
});
afterAll(async () => {
  await serving.close();
  await telemetry.shutdown();
  rmSync(dir, { recursive: true, force: true });
});

describe("serving's /metrics", () => {
  it('passes promtool check metrics, every family driftlab_-prefixed', async () => {
    const res = await fetch(`${serving.url}/metrics`);
    expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const text = await res.text();
    expect(promtoolCheckMetrics(text)).toBe('');
    const families = [...text.matchAll(/^# TYPE (\S+) /gm)].map((m) => m[1]);
    expect(families.sort()).toEqual([
      'driftlab_event_times_replaced_total',
      'driftlab_input_faults_total',
      'driftlab_model_deployments_total',
      'driftlab_model_last_deployment_timestamp_seconds',
      'driftlab_model_promotion_gate_results_total',
      'driftlab_model_retrains_total',
      'driftlab_model_serving_version',
      'driftlab_model_serving_version_info',
      'driftlab_model_versions',
      'driftlab_prediction_duration_seconds',
      'driftlab_prediction_errors_total',
      'driftlab_prediction_requests_total',
      'driftlab_predictions_total',
    ]);
    expect(text).toMatch(/^driftlab_prediction_errors_total\{model="credit",version="1",status="503"\} 1$/m);
    expect(text).toMatch(
      /^driftlab_input_faults_total\{model="credit",feature="region",fault="unseen-category"\} 20$/m,
    );
  });

  describe('scraped by a real Prometheus', () => {
    let prometheus: RunningPrometheus;
    beforeAll(async () => {
      const target = new URL(serving.url).host;
      prometheus = await startPrometheus({
        features: ['exemplar-storage'],
        config: `global: { scrape_interval: 1s }\nscrape_configs:\n  - job_name: serving\n    static_configs: [{ targets: ['${target}'] }]\n`,
      });
    });
    afterAll(() => prometheus.stop());

    it('stores the latency exemplars with their trace ids', async () => {
      type Exemplars = { exemplars: { labels: { trace_id: string } }[] }[];
      let found: Exemplars = [];
      for (let i = 0; i < 50 && found.length === 0; i++) {
        await sleep(200);
        const now = Date.now() / 1000;
        found = await prometheus.api<Exemplars>(
          `/api/v1/query_exemplars?query=driftlab_prediction_duration_seconds_bucket&start=${now - 600}&end=${now + 60}`,
        );
      }
      const traceIds = found.flatMap((s) => s.exemplars.map((e) => e.labels.trace_id));
      expect(traceIds.length).toBeGreaterThan(0);
      for (const id of traceIds) expect(id).toMatch(/^[0-9a-f]{32}$/);
      const up = await prometheus.api<{ result: { value: [number, string] }[] }>('/api/v1/query?query=up');
      expect(up.result[0].value[1]).toBe('1');
    }, 20_000);
  });
});
