import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../api/client';
import type { Catalogue, DiagnosisFeedback } from '../api/types';
import {
  diagnosisRequest,
  emptyDraft,
  feedbackText,
  type DiagnosisDraft,
  type FieldProblems,
} from '../core/diagnosis-form';
import { Notice } from '../ui/Notice';
import { Section } from '../ui/Section';
import { FeaturesField, KindField, ModelField, NoteField, OnsetField } from './DiagnosisFields';

/** The diagnosis form, once the catalogue says which models and kinds there are. */
export function DiagnosisSection(props: {
  token: string;
  catalogue: Catalogue | undefined;
  error: string | undefined;
  onSent: () => void;
}) {
  return (
    <Section title="Diagnose">
      {props.catalogue ? (
        <DiagnosisForm token={props.token} catalogue={props.catalogue} onSent={props.onSent} />
      ) : props.error ? (
        <Notice kind="error">{props.error}</Notice>
      ) : (
        <p className="muted">Loading…</p>
      )}
    </Section>
  );
}

type Answer = { readonly kind: 'success' | 'error'; readonly text: string };

function DiagnosisForm(props: { token: string; catalogue: Catalogue; onSent: () => void }) {
  const { catalogue } = props;
  const [draft, setDraft] = useState<DiagnosisDraft>(() => emptyDraft(catalogue));
  const [problems, setProblems] = useState<FieldProblems>({});
  const [answer, setAnswer] = useState<Answer>();
  const [sending, setSending] = useState(false);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (sending) return;
    const outcome = diagnosisRequest(draft, catalogue);
    setAnswer(undefined);
    if (!outcome.ok) {
      setProblems(outcome.problems);
      return;
    }
    setProblems({});
    setSending(true);
    api<DiagnosisFeedback>('/v1/diagnoses', { token: props.token, method: 'POST', body: outcome.body })
      .then(
        (feedback) => {
          setAnswer({ kind: 'success', text: feedbackText(feedback) });
          props.onSent();
        },
        (err: unknown) =>
          setAnswer({ kind: 'error', text: err instanceof ApiError ? err.message : String(err) }),
      )
      .finally(() => setSending(false));
  };

  const listed = Object.values(problems);
  const fields = { draft, onChange: setDraft, problems, catalogue };
  return (
    <form className="team-diagnosis" onSubmit={submit} noValidate>
      <p className="hint">
        Say which model, what kind of problem, which features and since when. Send as often as you like: your
        best diagnosis counts.
      </p>
      <div className="team-diagnosis-grid">
        <div>
          <ModelField {...fields} />
          <KindField {...fields} />
        </div>
        <div>
          <FeaturesField {...fields} />
          <OnsetField {...fields} />
          <NoteField {...fields} />
        </div>
      </div>
      {listed.length > 0 && (
        <Notice kind="error">
          <p>The diagnosis was not sent:</p>
          <ul>
            {listed.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        </Notice>
      )}
      {answer && <Notice kind={answer.kind}>{answer.text}</Notice>}
      <div className="row">
        <button type="submit" className="btn btn-primary" aria-disabled={sending || undefined}>
          {sending ? 'Sending…' : 'Send diagnosis'}
        </button>
      </div>
    </form>
  );
}
