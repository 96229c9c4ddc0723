import { useCallback, useEffect, useRef, useState } from 'react';

export interface Polled<T> {
  readonly data: T | undefined;
  readonly error: string | undefined;
  /** Load again now (after an action the page took). */
  readonly reload: () => void;
}

/**
 * `load` now and every `everyMs` while the tab is visible: the pages follow a live lab without a
 * second channel. A failed load keeps the last data and says why.
 */
export function usePoll<T>(load: () => Promise<T>, everyMs: number): Polled<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<string>();
  const latest = useRef(load);
  useEffect(() => {
    latest.current = load;
  });
  const run = useCallback(() => {
    latest.current().then(
      (value) => {
        setData(value);
        setError(undefined);
      },
      (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
    );
  }, []);
  useEffect(() => {
    run();
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') run();
    }, everyMs);
    return () => clearInterval(timer);
  }, [run, everyMs]);
  return { data, error, reload: run };
}
