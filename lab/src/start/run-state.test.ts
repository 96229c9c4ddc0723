import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beginRun, SAVE_EVERY_MS } from './run-state';

describe('beginRun', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'driftlab-runs-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const START = Date.UTC(2026, 0, 5);

  it('numbers runs and starts each one a saving interval after where the last one had got to', () => {
    const first = beginRun(dir, START);
    expect([first.run, first.startTime]).toEqual([1, START]);
    first.save(START + 3 * 3600_000 + 123_456); // killed some time after this save
    const second = beginRun(dir, START);
    expect(second.run).toBe(2);
    // The next whole ten minutes at least one interval later: beyond anything run 1 can have sent.
    expect(second.startTime).toBe(START + 3 * 3600_000 + 20 * 60_000);
    expect(second.startTime - (START + 3 * 3600_000 + 123_456)).toBeGreaterThanOrEqual(SAVE_EVERY_MS);
    // Killed before any save: the run still counts, and the next starts after its start.
    const third = beginRun(dir, START);
    expect([third.run, third.startTime]).toEqual([3, second.startTime + SAVE_EVERY_MS]);
    expect(JSON.parse(readFileSync(join(dir, 'runs.json'), 'utf8'))).toEqual({
      run: 3,
      simulatedTime: third.startTime,
    });
  });

  it('refuses a runs file it cannot read, naming it', () => {
    writeFileSync(join(dir, 'runs.json'), '{"run": "two"}');
    expect(() => beginRun(dir, START)).toThrow(/runs\.json: expected \{"run": a whole number from 1/);
    writeFileSync(join(dir, 'runs.json'), '{');
    expect(() => beginRun(dir, START)).toThrow(/runs\.json: cannot read the lab's runs/);
  });
});
