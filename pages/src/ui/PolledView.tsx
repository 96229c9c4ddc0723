import type { ReactNode } from 'react';
import { Notice } from './Notice';
import type { Polled } from './usePoll';

/**
 * A section's content from one of the page's polls: "Loading…" until the first answer, the lab's
 * message when a load fails, and the last good data (with the failure said above it) after that.
 */
export function PolledView<T>(props: { polled: Polled<T>; what?: string; children: (data: T) => ReactNode }) {
  const { data, error } = props.polled;
  const subject = props.what ? ` ${props.what}` : '';
  return (
    <>
      {error && (
        <Notice kind="error">
          Could not load{subject}: {error}
        </Notice>
      )}
      {data === undefined ? !error && <p className="muted">Loading{subject}…</p> : props.children(data)}
    </>
  );
}
