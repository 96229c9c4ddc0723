import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getWorld, resolveScenario, Simulation } from '@driftlab/simulator';
import { LabRecord } from '../record';
import type { IncidentMode } from './incident';
import { IncidentControlError, IncidentManager, type StartRequest } from './incident-manager';

describe('IncidentManager.start', () => {
  let dir: string;
  let record: LabRecord;
  let incidents: IncidentManager;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'driftlab-incident-manager-'));
    record = new LabRecord(join(dir, 'lab-record.sqlite'));
    const simulation = new Simulation({ world: getWorld('credit')!, seed: 1 });
    simulation.next();
    incidents = new IncidentManager(
      new Map([['team-1', { simulations: [simulation], now: () => simulation.now }]]),
      record,
    );
  });
  afterEach(() => {
    record.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const request = (fields: Partial<Record<keyof StartRequest, unknown>>): StartRequest =>
    ({
      scenario: resolveScenario('credit-income-drop'),
      mode: 'hidden',
      actor: 'tutor',
      ...fields,
    }) as StartRequest;

  it('never takes a wrong mode or feedback for the default (null is not hidden): 400, nothing started', () => {
    for (const [fields, message] of [
      [{ mode: null }, 'mode: expected "hidden" or "announced", got null'],
      [{ mode: undefined }, 'mode: expected "hidden" or "announced", got nothing'],
      [{ mode: 'loud' }, 'mode: expected "hidden" or "announced", got "loud"'],
      [{ feedback: null }, 'feedback: expected true or false, got null'],
    ] as const)
      expect(() => incidents.start(request(fields))).toThrow(new IncidentControlError(message, 400));
    expect([incidents.all().length, record.events().length]).toEqual([0, 0]);
    for (const mode of ['hidden', 'announced'] as IncidentMode[])
      expect(incidents.start(request({ mode, feedback: mode === 'announced' }))).toMatchObject({ mode });
  });
});
