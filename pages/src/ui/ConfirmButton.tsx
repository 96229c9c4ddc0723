import { useEffect, useId, useRef, useState, type ReactNode } from 'react';

/**
 * A button whose action runs only once confirmed in a modal dialog (the browser's own <dialog>:
 * focus moves into it, Escape cancels, focus returns to the button).
 */
export function ConfirmButton(props: {
  label: string;
  /** The dialog's question, e.g. "Reset the lab?" */
  title: string;
  children?: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  variant?: 'primary' | 'secondary' | 'destructive';
  disabled?: boolean;
}) {
  const [open, setOpen] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);
  const id = useId();
  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <>
      <button
        type="button"
        className={`btn btn-${props.variant ?? 'secondary'}`}
        disabled={props.disabled}
        onClick={() => setOpen(true)}
      >
        {props.label}
      </button>
      <dialog ref={dialog} aria-labelledby={id} onClose={() => setOpen(false)} className="dialog">
        <h2 id={id}>{props.title}</h2>
        {props.children}
        <div className="actions">
          <button type="button" className="btn btn-secondary" onClick={() => setOpen(false)}>
            Cancel
          </button>
          <button
            type="button"
            className={`btn btn-${props.variant === 'destructive' ? 'destructive' : 'primary'}`}
            onClick={() => {
              setOpen(false);
              props.onConfirm();
            }}
          >
            {props.confirmLabel}
          </button>
        </div>
      </dialog>
    </>
  );
}
