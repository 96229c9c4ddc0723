import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IncidentControlError, IncidentManager } from '../incidents';
import { LabRecord } from '../record';
import { Diagnoses } from './diagnoses';
import { getWorld } from '@driftlab/simulator';
import { DIAGNOSIS_LIMITS, diagnosisProblem, servedModelsOf } from './limits';
import type { Diagnosis } from './scoring';

const NOW = Date.parse('2026-11-27T10:30:00Z');
const MODELS = servedModelsOf([getWorld('credit')!, getWorld('fraud')!]);
const VALID: Diagnosis = {
  model: 'credit',
  features: ['annual_income'],
  kind: 'covariate',
  since: Date.parse('2026-11-27T10:15:00Z'),
};
const problem = (d: Partial<Diagnosis>, note = '') => diagnosisProblem({ ...VALID, ...d }, note, MODELS, NOW);

describe('diagnosisProblem', () => {
  it('takes a diagnosis of a served model within the limits', () => {
    expect(problem({})).toBeNull();
    expect(problem({ model: 'fraud', features: [] }, 'n'.repeat(DIAGNOSIS_LIMITS.noteLength))).toBeNull();
    // The lab's now plus the slack, and the earliest time, are still taken.
    expect(problem({ since: NOW + DIAGNOSIS_LIMITS.sinceSlackMs })).toBeNull();
    expect(problem({ since: DIAGNOSIS_LIMITS.earliestSince })).toBeNull();
  });

  it('refuses a model the lab does not serve, naming the ones it does', () => {
    expect(problem({ model: 'delivery' })).toBe(
      'model: expected "credit" or "fraud" (the models this lab serves), got "delivery"',
    );
    // However long, the message shows a bounded part of it.
    expect(problem({ model: 'm'.repeat(10_000) })!.length).toBeLessThan(200);
    expect(diagnosisProblem(VALID, '', new Map(), NOW)).toMatch(/^model: expected nothing \(/);
  });

  it("refuses a feature the model does not have, naming the model's features", () => {
    const credit = getWorld('credit')!.features.map((f) => f.name);
    expect(problem({ features: ['annual_income', 'anual_income'] })).toBe(
      `features[1]: expected one of credit's features (${credit.join(', ')}), got "anual_income"`,
    );
    // A fraud feature is not a credit one: each model has its own.
    const fraud = getWorld('fraud')!.features.map((f) => f.name);
    expect(problem({ features: [fraud.find((f) => !credit.includes(f))!] })).toMatch(
      /^features\[0\]: expected one of credit's/,
    );
    expect(problem({ model: 'fraud', features: fraud })).toBeNull();
    // Nor does a name of Object's prototype pass for a model or a feature.
    expect(problem({ model: 'constructor' })).toMatch(/^model: expected/);
    expect(problem({ features: ['constructor'] })).toMatch(/^features\[0\]/);
  });

  it('refuses too many features, empty or too long feature names', () => {
    const many = Array.from({ length: DIAGNOSIS_LIMITS.features + 1 }, (_, i) => `f${i}`);
    expect(problem({ features: many })).toBe(
      'features: expected a list of at most 100 strings, got 101 features',
    );
    expect(problem({ features: ['a', ''] })).toMatch(
      /^features\[1\]: expected a non-empty string of at most 100 characters, got ""$/,
    );
    expect(problem({ features: ['f'.repeat(100_000)] })).toMatch(
      /^features\[0\]: expected a non-empty string of at most 100 characters, got "f+…$/,
    );
  });

  it('refuses a since to come (beyond the slack), before 2000 or not a time', () => {
    const expected =
      /^since: expected a time from 2000-01-01T00:00:00.000Z to 5 minutes from now \(2026-11-27T10:35:00.000Z\), got /;
    for (const since of [
      NOW + DIAGNOSIS_LIMITS.sinceSlackMs + 1,
      Date.parse('9999-12-31T23:59:59Z'),
      Date.parse('1999-12-31T23:59:59Z'),
      0,
      NaN,
      Infinity,
    ])
      expect([since, problem({ since })]).toEqual([since, expect.stringMatching(expected)]);
    expect(problem({ since: Date.parse('9999-12-31T23:59:59Z') })).toMatch(/got 9999-12-31T23:59:59.000Z$/);
  });

  it('refuses an unknown kind and a note too long', () => {
    expect(problem({ kind: 'vibes' as Diagnosis['kind'] })).toMatch(
      /^kind: expected "covariate", .* got "vibes"$/,
    );
    expect(problem({}, 'n'.repeat(DIAGNOSIS_LIMITS.noteLength + 1))).toBe(
      'note: expected a string of at most 2000 characters, got 2001 characters',
    );
  });
});

describe('Diagnoses.submit', () => {
  let dir: string;
  let record: LabRecord;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'driftlab-diagnosis-limits-'));
    record = new LabRecord(join(dir, 'lab-record.sqlite'));
  });
  afterEach(() => {
    record.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses what the lab cannot take with a 400, and neither keeps nor records it', () => {
    const diagnoses = new Diagnoses(
      new IncidentManager(new Map(), record),
      record,
      servedModelsOf([getWorld('credit')!]),
    );
    const since = Date.now() - 60_000;
    const refused = (d: Partial<Diagnosis>) => () =>
      diagnoses.submit('team-1', { ...VALID, since, ...d }, '');
    expect(refused({ model: 'fraud' })).toThrow(
      new IncidentControlError('model: expected "credit" (the models this lab serves), got "fraud"', 400),
    );
    expect(refused({ since: Date.parse('9999-12-31T23:59:59Z') })).toThrow(/^since: expected a time from/);
    let thrown: unknown;
    try {
      refused({ model: 'fraud' })();
    } catch (e) {
      thrown = e;
    }
    expect([thrown instanceof IncidentControlError, (thrown as IncidentControlError).status]).toEqual([
      true,
      400,
    ]);
    expect([diagnoses.all().length, record.events({ prefix: 'diagnosis.' }).length]).toEqual([0, 0]);
    expect(diagnoses.submit('team-1', { ...VALID, since }, '').id).toBe(1);
  });
});
