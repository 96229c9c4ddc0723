import { useId } from 'react';
import type { Catalogue } from '../api/types';
import {
  KIND_HINTS,
  NOTE_LIMIT,
  withFeature,
  withModel,
  type DiagnosisDraft,
  type FieldProblems,
  type OnsetMode,
} from '../core/diagnosis-form';

/* The diagnosis form's fields: each a labelled input or a fieldset with a legend. */

export interface FieldProps {
  readonly draft: DiagnosisDraft;
  readonly onChange: (draft: DiagnosisDraft) => void;
  readonly problems: FieldProblems;
  readonly catalogue: Catalogue;
}

const invalid = (problem: string | undefined) => (problem ? true : undefined);

export function ModelField({ draft, onChange, problems, catalogue }: FieldProps) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>Model</label>
      <select
        id={id}
        value={draft.model}
        aria-invalid={invalid(problems.model)}
        onChange={(e) => onChange(withModel(draft, e.target.value, catalogue))}
      >
        {catalogue.models.map((m) => (
          <option key={m.name} value={m.name}>
            {m.name} ({m.title})
          </option>
        ))}
      </select>
    </div>
  );
}

export function KindField({ draft, onChange, catalogue }: FieldProps) {
  const name = useId();
  return (
    <fieldset className="field">
      <legend>Kind</legend>
      <div className="team-radios">
        {catalogue.kinds.map((kind) => (
          <label key={kind}>
            <input
              type="radio"
              name={name}
              value={kind}
              checked={draft.kind === kind}
              onChange={() => onChange({ ...draft, kind })}
            />
            <span>
              {kind}
              {KIND_HINTS[kind] && <span className="muted"> – {KIND_HINTS[kind]}</span>}
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

export function FeaturesField({ draft, onChange, catalogue }: FieldProps) {
  const hint = useId();
  const features = catalogue.models.find((m) => m.name === draft.model)?.features ?? [];
  return (
    <fieldset className="field" aria-describedby={hint}>
      <legend>Features</legend>
      <p id={hint} className="hint">
        Tick the features the problem is in; none for a problem of the whole model.
      </p>
      <div className="checks">
        {features.map((feature) => (
          <label key={feature}>
            <input
              type="checkbox"
              checked={draft.features.includes(feature)}
              onChange={(e) => onChange(withFeature(draft, feature, e.target.checked))}
            />
            {feature}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

const ONSET_MODES: readonly { mode: OnsetMode; label: string }[] = [
  { mode: 'ago', label: 'How long ago' },
  { mode: 'at', label: 'At a clock time' },
];

export function OnsetField({ draft, onChange, problems }: FieldProps) {
  const name = useId();
  const input = useId();
  return (
    <fieldset className="field">
      <legend>When it began</legend>
      <div className="team-radios team-radios-inline">
        {ONSET_MODES.map(({ mode, label }) => (
          <label key={mode}>
            <input
              type="radio"
              name={name}
              checked={draft.onsetMode === mode}
              onChange={() => onChange({ ...draft, onsetMode: mode })}
            />
            {label}
          </label>
        ))}
      </div>
      {draft.onsetMode === 'ago' ? (
        <div className="field team-onset">
          <label htmlFor={input}>Minutes ago</label>
          <input
            id={input}
            type="number"
            min={0}
            step="any"
            inputMode="decimal"
            value={draft.minutesAgo}
            aria-invalid={invalid(problems.onset)}
            onChange={(e) => onChange({ ...draft, minutesAgo: e.target.value })}
          />
        </div>
      ) : (
        <div className="field team-onset">
          <label htmlFor={input}>Began at (your clock)</label>
          <input
            id={input}
            type="datetime-local"
            value={draft.at}
            aria-invalid={invalid(problems.onset)}
            onChange={(e) => onChange({ ...draft, at: e.target.value })}
          />
        </div>
      )}
    </fieldset>
  );
}

export function NoteField({ draft, onChange, problems }: FieldProps) {
  const id = useId();
  const count = useId();
  return (
    <div className="field">
      <label htmlFor={id}>Note (optional)</label>
      <textarea
        id={id}
        value={draft.note}
        maxLength={NOTE_LIMIT}
        rows={3}
        aria-describedby={count}
        aria-invalid={invalid(problems.note)}
        onChange={(e) => onChange({ ...draft, note: e.target.value })}
      />
      <p id={count} className="hint">
        {draft.note.length} of {NOTE_LIMIT} characters: what you saw, for your tutor.
      </p>
    </div>
  );
}
