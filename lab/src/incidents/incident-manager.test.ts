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

  it('records a reveal once: revealing again is safe and adds nothing', () => {
    const incident = incidents.start(request({}));
    incidents.reveal(incident.id, 'tutor');
    expect(incidents.reveal(incident.id, 'tutor').revealed).toBe(true);
    expect(record.events({ prefix: 'incident.reveal' })).toHaveLength(1);
  });

  it('says plainly that an incident still waiting for its start cannot be paused, and records nothing', () => {
    const later = incidents.start(request({ delay: 30 * 60_000 }));
    expect(() => incidents.pause(later.id, 'tutor')).toThrow(
      new IncidentControlError(
        `incident ${later.id} has not started yet (it starts at ${new Date(later.at).toISOString()} on the lab's clock): pause it once it has started, or abort it`,
        409,
      ),
    );
    expect(record.events({ prefix: 'incident.pause' })).toHaveLength(0);
    expect(incidents.abort(later.id, 'tutor').aborted).toBe(true);
    // Started now, it can be paused at once.
    expect(incidents.pause(incidents.start(request({})).id, 'tutor').paused).toBe(true);
  });
});
