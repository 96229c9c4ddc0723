import { useId, type ReactNode } from 'react';

/** A titled region of a page: a landmark a screen reader lists by its heading. */
export function Section(props: {
  title: string;
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
}) {
  const id = useId();
  return (
    <section className={`panel ${props.className ?? ''}`} aria-labelledby={id}>
      <div className="panel-header">
        <h2 id={id}>{props.title}</h2>
        {props.actions}
      </div>
      <div className="panel-body">{props.children}</div>
    </section>
  );
}
