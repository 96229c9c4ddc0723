import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LabRecord } from './lab-record';

describe('the lab record', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'driftlab-record-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps events across a restart, oldest first, with their parameters', () => {
    const file = join(dir, 'record.sqlite');
    let record = new LabRecord(file);
    const first = record.append({
      actor: 'alertmanager',
      action: 'alert.firing',
      model: 'credit',
      params: { alertname: 'FeatureDriftHigh', labels: { feature: 'annual_income' } },
      outcome: 'firing',
    });
    record.append({ actor: 'tutor', action: 'lab.note', model: null, params: {}, outcome: 'done' });
    record.close();
    record = new LabRecord(file);
    const events = record.events();
    expect(events.map((e) => [e.id, e.action, e.model])).toEqual([
      [first.id, 'alert.firing', 'credit'],
      [first.id + 1, 'lab.note', null],
    ]);
    expect(events[0].params).toEqual({ alertname: 'FeatureDriftHigh', labels: { feature: 'annual_income' } });
    expect(Date.parse(events[0].at)).toBeGreaterThan(Date.now() - 60_000);
    record.close();
  });

  it('filters by action prefix (LIKE wildcards taken literally) and keeps the newest under a limit', () => {
    const record = new LabRecord(join(dir, 'record.sqlite'));
    for (let i = 0; i < 5; i++)
      record.append({ actor: 'a', action: `alert.firing`, model: null, params: { i }, outcome: 'firing' });
    record.append({ actor: 'a', action: 'alertXfiring', model: null, params: {}, outcome: 'x' });
    expect(record.events({ prefix: 'alert.' })).toHaveLength(5);
    expect(record.events({ prefix: 'alert_' })).toHaveLength(0);
    expect(record.events({ prefix: 'alert.', limit: 2 }).map((e) => e.params.i)).toEqual([3, 4]);
    record.close();
  });
});
