import type { AnswerKey } from '../api/types';

/** A scenario's answer key, for the tutor's eyes (shown only once asked for: disclosure.tsx). */
export function AnswerKeyView(props: { answer: AnswerKey; id?: string }) {
  const { answer } = props;
  return (
    <dl className="answer-key" id={props.id}>
      <dt>Model</dt>
      <dd>{answer.model}</dd>
      <dt>Kind</dt>
      <dd>{answer.kind}</dd>
      <dt>Features</dt>
      <dd>{answer.features.length > 0 ? answer.features.join(', ') : 'none (the whole model)'}</dd>
      <dt>What</dt>
      <dd>{answer.what}</dd>
      {answer.when && (
        <>
          <dt>When</dt>
          <dd>{answer.when}</dd>
        </>
      )}
      {answer.recover && (
        <>
          <dt>Recovery</dt>
          <dd>{answer.recover}</dd>
        </>
      )}
      {answer.signals && answer.signals.length > 0 && (
        <>
          <dt>Signals</dt>
          <dd>
            <ul>
              {answer.signals.map((s) => (
                <li key={s}>{s}</li>
              ))}
            </ul>
          </dd>
        </>
      )}
    </dl>
  );
}
