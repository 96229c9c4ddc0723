import { useId, useState } from 'react';

/**
 * Something kept out of the page until asked for (an answer key, a team's token): its content is
 * rendered only while open, so it is never in the DOM, on a projector or in a screenshot by accident.
 */
export function useDisclosure() {
  const [open, setOpen] = useState(false);
  const id = useId();
  return { open, id, toggle: () => setOpen((o) => !o) };
}

/** The button that opens and closes a disclosure; `subject` tells a screen reader whose it is. */
export function DisclosureButton(props: {
  disclosure: ReturnType<typeof useDisclosure>;
  show: string;
  hide: string;
  subject: string;
}) {
  const { open, id, toggle } = props.disclosure;
  return (
    <button
      type="button"
      className="btn btn-secondary btn-small"
      aria-expanded={open}
      // Only while open: the content it controls does not exist otherwise.
      aria-controls={open ? id : undefined}
      onClick={toggle}
    >
      {open ? props.hide : props.show}
      <span className="sr-only"> ({props.subject})</span>
    </button>
  );
}
