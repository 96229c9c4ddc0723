import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getWorld } from '@driftlab/simulator';
import { APPLICANT } from '../serving/src/testing/fixtures';
import { storeTrained, trainModel } from '@driftlab/serving';
import { type RunningServing, startServing } from '@driftlab/lab';

const worlds = [getWorld('credit')!, getWorld('delivery')!];
const applicant = APPLICANT;

describe('startServing over real HTTP', () => {
  let dir: string;
  let serving: RunningServing;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'driftlab-serving-'));
    serving = await startServing({ registryDir: join(dir, 'registry'), worlds, seed: 3, port: 0 });
  });
  afterAll(async () => serving.close());

  const predict = async () => {
    const res = await fetch(`${serving.url}/v1/models/credit:predict`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ instances: [applicant] }),
    });
    return {
      status: res.status,
      body: (await res.json()) as { predictions: { model_version: string; probability: number }[] },
    };
  };

  it('trains and promotes version 1 of each model at first start, then serves it', async () => {
    expect(serving.registry.models().sort()).toEqual(['credit', 'delivery']);
    const { status, body } = await predict();
    expect(status).toBe(200);
    expect(body.predictions[0].model_version).toBe('1');
    const ready = await fetch(`${serving.url}/readyz`);
    expect(ready.status).toBe(200);
  });

  it('serves a newly promoted version after refresh, and the old one again after a rollback', async () => {
    const v2 = storeTrained(
      serving.registry,
      'credit',
      trainModel(getWorld('credit')!, { seed: 9, trainSize: 5000 }),
    );
    serving.registry.promote('credit', v2, 'test: newer data');
    serving.catalog.refresh();
    const promoted = await predict();
    expect(promoted.body.predictions[0].model_version).toBe(String(v2));
    serving.registry.rollback('credit', 1, 'test: back to the first');
    serving.catalog.refresh();
    const rolledBack = await predict();
    expect(rolledBack.body.predictions[0].model_version).toBe('1');
    const status = (await (await fetch(`${serving.url}/v1/models/credit`)).json()) as {
      model_version_status: { version: string; state: string }[];
    };
    expect(status.model_version_status.map((s) => s.state)).toEqual(['AVAILABLE', 'END']);
  });

  it('keeps its models across a restart without retraining', async () => {
    await serving.close();
    serving = await startServing({ registryDir: join(dir, 'registry'), worlds, seed: 3, port: 0 });
    expect(serving.registry.versions('credit').map((v) => v.version)).toEqual([1, 2]);
    expect((await predict()).body.predictions[0].model_version).toBe('1');
  });
});
