import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Polls `probe` until it gives a value (a failed probe counts as none), or fails after `seconds`
 * with `what` and whatever `context` says (a lab's log tail, say).
 */
export async function waitUntil<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  seconds: number,
  context: () => string = () => '',
  everyMs = 250,
): Promise<T> {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const found = await probe().catch(() => undefined);
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${seconds} s; ${context()}`);
    await sleep(everyMs);
  }
}
