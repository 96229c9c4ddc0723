import type { RecordEvent } from '../api/types';
import { recordPath, summarizeEvent, timelineOf, timeOfDay } from './record-timeline';

const event = (e: Partial<RecordEvent> & Pick<RecordEvent, 'action'>): RecordEvent => ({
  id: 1,
  at: '2026-11-27T10:00:00.000Z',
  actor: 'tutor',
  model: 'credit',
  params: {},
  outcome: 'done',
  ...e,
});

describe('recordPath', () => {
  it('asks for the newest 200, with the prefix when one is chosen', () => {
    expect(recordPath('')).toBe('/v1/record?limit=200');
    expect(recordPath('incident.')).toBe('/v1/record?limit=200&prefix=incident.');
    expect(recordPath('alert.', 5)).toBe('/v1/record?limit=5&prefix=alert.');
  });
});

describe('summarizeEvent', () => {
  it('says what an incident start was, never the scenario definition (its answer key)', () => {
    const summary = summarizeEvent(
      event({
        action: 'incident.start',
        params: {
          incident: 'inc-3',
          scenario: 'credit-income-drop',
          mode: 'announced',
          teams: ['team-1', 'team-2'],
          delaySeconds: 1800,
          at: 1767573466679,
          feedback: true,
          definition: { answer: { what: 'A secret explanation' } },
          title: 'Applicants’ incomes fall',
        },
      }),
    );
    expect(summary).toBe(
      'inc-3, credit-income-drop, announced, teams team-1 team-2, starts 30 min later (simulated), feedback on',
    );
  });

  it.each([
    [
      {
        action: 'incident.start',
        params: { incident: 'inc-1', scenario: 's', mode: 'hidden', delaySeconds: 0 },
      },
      'inc-1, s, hidden',
    ],
    [
      {
        action: 'incident.onset',
        actor: 'lab',
        params: { incident: 'inc-1', team: 'team-2', wallTime: 'x' },
      },
      'inc-1, began for team-2',
    ],
    [{ action: 'incident.pause', params: { incident: 'inc-1' } }, 'inc-1'],
    [{ action: 'incident.reveal', params: { incident: 'inc-1' } }, 'inc-1'],
    [
      {
        action: 'diagnosis.submit',
        actor: 'team:team-1',
        params: {
          kind: 'covariate',
          features: ['annual_income'],
          incident: 'inc-1',
          score: { total: 74.6 },
          note: 'n',
        },
        outcome: 'scored 75',
      },
      'covariate on annual_income, matched inc-1, score 75',
    ],
    [
      {
        action: 'diagnosis.submit',
        params: { kind: 'serving', features: [], incident: null, score: null },
        outcome: 'no incident had begun',
      },
      'serving, no incident had begun',
    ],
    [
      {
        action: 'alert.resolved',
        actor: 'alertmanager',
        params: {
          alertname: 'FeatureDriftHigh',
          labels: { team: 'team-1', feature: 'annual_income' },
          durationSeconds: 270,
        },
        outcome: 'resolved',
      },
      'FeatureDriftHigh, team-1, feature annual_income, lasted 4 min 30 s',
    ],
    [
      { action: 'alert.firing', params: { alertname: 'AccuracyBelowTarget', labels: {} }, outcome: 'firing' },
      'AccuracyBelowTarget',
    ],
    [
      { action: 'recovery.rollback', params: { version: 1, team: 'team-2' }, outcome: 'refused (409)' },
      'version 1, team team-2, refused (409)',
    ],
    [
      { action: 'recovery.retrain', params: { last: 5000, promote: true, extra: { deep: 1 } } },
      'last 5000, promote true',
    ],
    [
      { action: 'lab.reset', model: null, params: { aborted: ['inc-1', 'inc-2'], models: { credit: 1 } } },
      'aborted inc-1 inc-2',
    ],
    [{ action: 'lab.reset', model: null, params: { aborted: [], models: {} } }, 'no incident to abort'],
  ] as [Partial<RecordEvent> & Pick<RecordEvent, 'action'>, string][])('%j: %p', (e, summary) => {
    expect(summarizeEvent(event(e))).toBe(summary);
  });

  it('keeps a summary short', () => {
    const summary = summarizeEvent(
      event({ action: 'recovery.promote', params: { reason: 'x'.repeat(500) } }),
    );
    expect(summary).toHaveLength(140);
    expect(summary.endsWith('…')).toBe(true);
  });
});

describe('timelineOf', () => {
  const at = (y: number, m: number, d: number, h: number) => new Date(y, m - 1, d, h).toISOString();

  it('puts the newest first, grouped by the local day, today called so', () => {
    const now = new Date(2026, 10, 27, 18);
    const days = timelineOf(
      [
        event({ id: 1, at: at(2026, 11, 26, 9), action: 'incident.start', params: { incident: 'inc-1' } }),
        event({ id: 3, at: at(2026, 11, 27, 10), action: 'alert.firing', params: { alertname: 'A' } }),
        event({ id: 2, at: at(2026, 11, 27, 9), action: 'incident.abort', params: { incident: 'inc-1' } }),
      ],
      now,
    );
    expect(days.map((d) => [d.key, d.label, d.rows.map((r) => [r.id, r.family])])).toEqual([
      [
        '2026-11-27',
        'Today',
        [
          [3, 'alert'],
          [2, 'incident'],
        ],
      ],
      ['2026-11-26', new Date(2026, 10, 26, 9).toLocaleDateString(), [[1, 'incident']]],
    ]);
    expect(days[0].rows[1]).toEqual(
      expect.objectContaining({
        actor: 'tutor',
        action: 'incident.abort',
        model: 'credit',
        summary: 'inc-1',
      }),
    );
  });

  it('is empty for no events', () => {
    expect(timelineOf([])).toEqual([]);
  });
});

describe('timeOfDay', () => {
  it('writes the time alone, also for another day', () => {
    const iso = new Date(2020, 0, 2, 3, 4, 5).toISOString();
    expect(timeOfDay(iso)).toMatch(/^03:04:05$/);
  });
});
