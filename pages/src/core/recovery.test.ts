import type { GateReport, ModelVersion, RetrainResult } from '../api/types';
import {
  deploymentText,
  gatesOf,
  holdoutText,
  promoteChoices,
  retrainRequest,
  retrainText,
  rollbackChoices,
  servingVersion,
  versionRequest,
} from './recovery';

const v = (version: number, status: ModelVersion['status']): ModelVersion => ({ version, status });
const VERSIONS = [
  v(1, 'retired'),
  v(2, 'rejected'),
  v(3, 'retired'),
  v(4, 'serving'),
  v(5, 'rejected'),
  v(6, 'candidate'),
  v(7, 'unreadable'),
];

describe('the versions a team may move to', () => {
  it('names the serving version', () => {
    expect(servingVersion(VERSIONS)).toBe(4);
    expect(servingVersion([v(1, 'candidate')])).toBeNull();
  });

  it('rolls back only to versions that served before, newest first', () => {
    expect(rollbackChoices(VERSIONS).map((x) => x.version)).toEqual([3, 1]);
    expect(rollbackChoices([v(1, 'candidate')])).toEqual([]);
  });

  it('promotes newer versions that never served, rejected ones too (the gates run again)', () => {
    expect(promoteChoices(VERSIONS).map((x) => x.version)).toEqual([6, 5]);
  });
});

describe('retrainRequest', () => {
  it('makes the body, leaving a blank reason to the lab', () => {
    expect(retrainRequest({ last: ' 5000 ', promote: true, reason: '  ' })).toEqual({
      ok: true,
      body: { last: 5000, promote: true },
    });
    expect(retrainRequest({ last: '10', promote: false, reason: 'drift' })).toEqual({
      ok: true,
      body: { last: 10, promote: false, reason: 'drift' },
    });
  });

  it.each(['', '9', '200001', '12.5', 'many'])('refuses %p labelled events, naming the field', (last) => {
    expect(retrainRequest({ last, promote: true, reason: '' })).toEqual({
      ok: false,
      problem: 'Labelled events: a whole number from 10 to 200,000.',
    });
  });

  it('refuses a reason over 1,000 characters', () => {
    expect(retrainRequest({ last: '100', promote: true, reason: 'x'.repeat(1001) })).toEqual({
      ok: false,
      problem: 'Reason: at most 1000 characters (this one has 1001).',
    });
  });
});

describe('versionRequest', () => {
  it('makes the body of a rollback or promotion', () => {
    expect(versionRequest({ version: '3', reason: 'v4 misbehaves' })).toEqual({
      ok: true,
      body: { version: 3, reason: 'v4 misbehaves' },
    });
  });

  it('asks for a version first', () => {
    expect(versionRequest({ version: '', reason: '' })).toEqual({
      ok: false,
      problem: 'Version: choose a version.',
    });
  });
});

const GATES: GateReport = {
  passed: false,
  checks: [
    { name: 'holdout accuracy no worse than serving', passed: true, detail: 'accuracy 0.86 vs 0.84' },
    { name: 'the artifact loads', passed: false, detail: 'not a credit model' },
  ],
};

describe('what an answer says', () => {
  it('finds the gate results in a refused promotion’s answer', () => {
    expect(gatesOf({ error: 'credit v5 failed the promotion gates', promoted: false, gates: GATES })).toBe(
      GATES,
    );
    expect(gatesOf({ error: 'credit: version 1 is older than the serving version 2' })).toBeNull();
    expect(gatesOf(undefined)).toBeNull();
  });

  const result = (over: Partial<RetrainResult>): RetrainResult => ({
    model: 'credit',
    version: 5,
    records: 5000,
    gates: { passed: true, checks: [] },
    promoted: true,
    deployment: null,
    ...over,
  });

  it('says what a retrain did', () => {
    expect(retrainText(result({}), true)).toBe(
      'credit v5 trained on 5,000 labelled events. It passed the gates and serves now.',
    );
    expect(retrainText(result({ promoted: false, gates: GATES }), true)).toBe(
      'credit v5 trained on 5,000 labelled events. The gates refused it (1 failed), so it was not promoted.',
    );
    expect(retrainText(result({ promoted: false }), false)).toBe(
      'credit v5 trained on 5,000 labelled events. It passed the gates; promote it when you are ready.',
    );
  });

  it('says what a rollback or promotion did', () => {
    const at = '2026-11-27T10:30:00Z';
    expect(deploymentText('credit', { seq: 3, action: 'rollback', at, from: 4, to: 1, reason: 'r' })).toBe(
      'credit v1 serves again (was v4).',
    );
    expect(deploymentText('credit', { seq: 4, action: 'promote', at, from: 1, to: 6, reason: 'r' })).toBe(
      'credit v6 passed the gates and serves now (was v1).',
    );
  });

  it('gives a version’s holdout quality for its task', () => {
    expect(holdoutText({ task: 'classification', count: 5000, accuracy: 0.8804, rocAuc: 0.805 })).toBe(
      'accuracy 0.880 · ROC AUC 0.805 · 5,000 rows',
    );
    expect(holdoutText({ task: 'regression', count: 60, mae: 3.456, r2: 0.71 })).toBe(
      'MAE 3.46 · R² 0.710 · 60 rows',
    );
    expect(holdoutText(undefined)).toBe('–');
  });
});
