import type { Request } from 'express';
import fc from 'fast-check';
import { isEventTime } from '@driftlab/contracts';
import { EventClock } from './event-time';

/** A request as EventClock reads it: its headers. */
const requestWith = (headers: Record<string, string>) =>
  ({ get: (name: string) => headers[name.toLowerCase()] }) as unknown as Request;

const SIMULATOR = 'simulator';
const trusted = (req: Request) => req.get('authorization') === SIMULATOR;

describe('EventClock', () => {
  it('never throws, never gives a time outside the bounds, and moves only with a trusted sender', () => {
    const header = fc.oneof(
      fc.string(),
      fc.double().map(String),
      fc.bigInt().map(String),
      fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
      fc.constantFrom('1e20', 'NaN', '-1', '2100-01-01T00:00:00Z', '9999-12-31T23:59:59Z', '0x10'),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(header, fc.boolean()), { maxLength: 30 }), (requests) => {
        let replaced = 0;
        const clock = new EventClock(trusted, () => replaced++);
        let latest: number | undefined;
        let untrusted = 0;
        for (const [value, fromSimulator] of requests) {
          const headers: Record<string, string> = { 'x-event-time': value };
          if (fromSimulator) headers.authorization = SIMULATOR;
          const before = Date.now();
          const answer = clock.timeOf(requestWith(headers));
          if ('error' in answer) {
            expect(fromSimulator).toBe(true);
            expect(answer.error).toMatch(/^X-Event-Time: expected /);
            continue;
          }
          if (fromSimulator) {
            expect(isEventTime(answer.time)).toBe(true);
            latest = Math.max(latest ?? answer.time, answer.time);
          } else {
            untrusted++;
            // An untrusted request gets the clock: the latest trusted time, or the wall clock.
            if (latest === undefined) expect(answer.time).toBeGreaterThanOrEqual(before);
            else expect(answer.time).toBe(latest);
          }
        }
        expect(replaced).toBe(untrusted);
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it('reads epoch milliseconds and ISO times from the trusted sender', () => {
    const clock = new EventClock(trusted, () => undefined);
    const read = (value: string) =>
      clock.timeOf(requestWith({ 'x-event-time': value, authorization: SIMULATOR }));
    expect(read('1767225600000')).toEqual({ time: Date.UTC(2026, 0, 1) });
    expect(read('2026-01-01T00:00:00.500Z')).toEqual({ time: Date.UTC(2026, 0, 1) + 500 });
    expect(read('946684799999')).toEqual({ error: expect.stringMatching(/2000-01-01/) });
  });
});
