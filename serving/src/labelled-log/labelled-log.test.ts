import type { LoggedPrediction } from '@driftlab/contracts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LabelledLog } from './labelled-log';

let dir: string;
let log: LabelledLog;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'driftlab-log-'));
  log = new LabelledLog(join(dir, 'labelled.sqlite'));
});
afterEach(() => {
  log.close();
  rmSync(dir, { recursive: true, force: true });
});

function prediction(i: number, model = 'credit'): LoggedPrediction {
  return {
    requestId: `${model}-${i}`,
    model,
    version: 1,
    time: 1_700_000_000_000 + i * 1000,
    features: { income: 1000 + i, employment: 'salaried' },
    prediction: i % 2,
    score: (i % 10) / 10,
  };
}

describe('LabelledLog', () => {
  it('joins late labels to their predictions by request id', () => {
    expect(log.recordPredictions([prediction(1), prediction(2)])).toBe(2);
    const outcome = log.recordLabels([{ requestId: 'credit-2', label: 1, time: 1_700_000_050_000 }]);
    expect(outcome).toEqual({ joined: 1, duplicate: 0, unknown: 0 });
    expect(log.get('credit-2')).toMatchObject({
      model: 'credit',
      version: 1,
      label: 1,
      labelled_at: 1_700_000_050_000,
    });
    expect(log.get('credit-1')).toMatchObject({ label: null, labelled_at: null });
    expect(log.counts('credit')).toEqual({ predictions: 2, labelled: 1 });
  });

  it('counts duplicate and unknown labels and keeps the first label', () => {
    log.recordPredictions([prediction(1)]);
    const outcome = log.recordLabels([
      { requestId: 'credit-1', label: 0, time: 1 },
      { requestId: 'credit-1', label: 1, time: 2 },
      { requestId: 'nobody', label: 1, time: 3 },
    ]);
    expect(outcome).toEqual({ joined: 1, duplicate: 1, unknown: 1 });
    expect(log.get('credit-1')).toMatchObject({ label: 0, labelled_at: 1 });
  });

  it('ignores a request id recorded twice', () => {
    expect(log.recordPredictions([prediction(1), prediction(1)])).toBe(1);
    expect(log.counts('credit').predictions).toBe(1);
  });

  it('returns the most recent labelled rows oldest first, as training records', () => {
    const rows = Array.from({ length: 20 }, (_, i) => prediction(i));
    log.recordPredictions(rows);
    // Label every row but 18 and 19 (their labels have not arrived yet).
    log.recordLabels(
      rows.slice(0, 18).map((p, i) => ({ requestId: p.requestId, label: i % 2, time: p.time + 5 })),
    );
    const recent = log.recentLabelled('credit', 5);
    expect(recent.map((r) => r.time)).toEqual(rows.slice(13, 18).map((p) => p.time));
    expect(recent[0]).toEqual({
      features: { income: 1013, employment: 'salaried' },
      label: 1,
      time: rows[13].time,
    });
    expect(log.recentLabelled('fraud', 5)).toEqual([]);
  });

  it('keeps at most maxRowsPerModel rows per model, dropping the oldest', () => {
    log.close();
    log = new LabelledLog(join(dir, 'small.sqlite'), { maxRowsPerModel: 50 });
    for (let batch = 0; batch < 10; batch++)
      log.recordPredictions(Array.from({ length: 20 }, (_, i) => prediction(batch * 20 + i)));
    log.recordPredictions([prediction(0, 'fraud')]);
    const kept = log.counts('credit').predictions;
    // Pruned every 5 inserts: never more than the limit plus one batch's overshoot.
    expect(kept).toBeGreaterThanOrEqual(50);
    expect(kept).toBeLessThanOrEqual(70);
    expect(log.get('credit-0')).toBeUndefined();
    expect(log.get('credit-199')).toBeDefined();
    expect(log.counts('fraud').predictions).toBe(1);
  });

  it('survives a reopen, and a second process can read while the first writes', () => {
    log.recordPredictions([prediction(1)]);
    const reader = new LabelledLog(log.path);
    log.recordLabels([{ requestId: 'credit-1', label: 1, time: 5 }]);
    expect(reader.counts('credit')).toEqual({ predictions: 1, labelled: 1 });
    reader.close();
    log.close();
    log = new LabelledLog(join(dir, 'labelled.sqlite'));
    expect(log.get('credit-1')).toMatchObject({ label: 1 });
  });

  it('rejects a nonsensical retention limit', () => {
    expect(() => new LabelledLog(join(dir, 'x.sqlite'), { maxRowsPerModel: 0 })).toThrow(/maxRowsPerModel/);
  });
});
