import type { ReactNode } from 'react';

/**
 * A message a screen reader announces: an error at once (role="alert"), anything else when the
 * reader is idle (role="status").
 */
export function Notice(props: { kind: 'error' | 'success' | 'info'; children: ReactNode }) {
  return (
    <div className={`notice notice-${props.kind}`} role={props.kind === 'error' ? 'alert' : 'status'}>
      {props.children}
    </div>
  );
}
