import { useState } from 'react';

export interface Outcome {
  readonly kind: 'success' | 'error';
  readonly text: string;
}

/**
 * A tutor's action on the lab (start, pause, reveal, reset…): at most one at a time, and what came
 * of it, the lab's own message when it refused (it names the field, or why not in this state).
 */
export function useLabAction() {
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>();
  function run<T>(call: () => Promise<T>, said: (answer: T) => string, after?: () => void): void {
    setBusy(true);
    call()
      .then(
        (answer) => setOutcome({ kind: 'success', text: said(answer) }),
        (e: unknown) => setOutcome({ kind: 'error', text: e instanceof Error ? e.message : String(e) }),
      )
      .finally(() => {
        setBusy(false);
        after?.();
      });
  }
  return { busy, outcome, run, clear: () => setOutcome(undefined) };
}
