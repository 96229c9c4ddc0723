import type { LabEvent } from '../record';
import { timeToRecover } from './time-to-recover';

const T0 = Date.parse('2026-11-27T10:00:00Z');
const min = (m: number) => T0 + m * 60_000;
let id = 0;
function alert(
  action: 'firing' | 'resolved',
  name: string,
  model: string,
  startsAt: number,
  endsAt?: number,
  team?: string,
): LabEvent {
  return {
    id: ++id,
    at: new Date(endsAt ?? startsAt).toISOString(),
    actor: 'alertmanager',
    action: `alert.${action}`,
    model,
    params: {
      labels: { alertname: name, model, ...(team ? { team } : {}) },
      startsAt: new Date(startsAt).toISOString(),
      ...(endsAt ? { endsAt: new Date(endsAt).toISOString() } : {}),
    },
    outcome: action,
  };
}

describe('time to recover', () => {
  const HOLD = 2 * 60_000;

  it('runs from the onset until the last alert about the model resolved, once it stayed resolved', () => {
    const events = [
      alert('firing', 'FeatureDriftHigh', 'credit', min(3)),
      alert('firing', 'AccuracyBelowTarget', 'credit', min(6)),
      alert('resolved', 'FeatureDriftHigh', 'credit', min(3), min(12)),
      alert('firing', 'ModelDown', 'fraud', min(7)), // another model: not this incident's
      alert('resolved', 'AccuracyBelowTarget', 'credit', min(6), min(15)),
    ];
    expect(timeToRecover(events, 'credit', 'team-1', min(1), min(16), HOLD)).toBeNull(); // not held for 2 min yet
    expect(timeToRecover(events, 'credit', 'team-1', min(1), min(17), HOLD)).toBe(14 * 60);
  });

  it('starts over when an alert fires again before the hold is over', () => {
    const events = [
      alert('firing', 'FeatureDriftHigh', 'credit', min(3)),
      alert('resolved', 'FeatureDriftHigh', 'credit', min(3), min(10)),
      alert('firing', 'FeatureDriftHigh', 'credit', min(11)),
    ];
    expect(timeToRecover(events, 'credit', 'team-1', min(1), min(30), HOLD)).toBeNull();
    events.push(alert('resolved', 'FeatureDriftHigh', 'credit', min(11), min(20)));
    expect(timeToRecover(events, 'credit', 'team-1', min(1), min(30), HOLD)).toBe(19 * 60);
  });

  it('is null when nothing fired after the onset, and ignores alerts from before it', () => {
    const before = [
      alert('firing', 'LabelStarvation', 'credit', min(-5)),
      alert('resolved', 'LabelStarvation', 'credit', min(-5), min(4)),
    ];
    expect(timeToRecover(before, 'credit', 'team-1', min(1), min(30), HOLD)).toBeNull();
  });

  it("in a cohort, counts only the team's own alerts", () => {
    const events = [
      alert('firing', 'FeatureDriftHigh', 'credit', min(3), undefined, 'team-1'),
      alert('firing', 'FeatureDriftHigh', 'credit', min(4), undefined, 'team-2'),
      alert('resolved', 'FeatureDriftHigh', 'credit', min(3), min(10), 'team-1'),
    ];
    // team-2's alert still fires: team-1 has recovered, team-2 has not.
    expect(timeToRecover(events, 'credit', 'team-1', min(1), min(30), HOLD)).toBe(9 * 60);
    expect(timeToRecover(events, 'credit', 'team-2', min(1), min(30), HOLD)).toBeNull();
  });
});
