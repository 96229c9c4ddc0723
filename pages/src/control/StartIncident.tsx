import { useId, useState } from 'react';
import { api } from '../api/client';
import type { IncidentMode, LibraryScenario, TutorIncident } from '../api/types';
import {
  checkStartForm,
  INITIAL_START_FORM,
  type StartErrors,
  type StartFormState,
} from '../core/start-form';
import { Notice } from '../ui/Notice';
import { FieldError } from './FieldError';
import { StartTeamsFields } from './StartTeamsFields';
import { StartWhenFields } from './StartWhenFields';
import { useLabAction } from './useLabAction';

const MODES: readonly { mode: IncidentMode; label: string }[] = [
  { mode: 'hidden', label: 'Hidden: teams see only its effects on the dashboards' },
  { mode: 'announced', label: 'Announced: teams also see its title and brief' },
];

/** The scenario to start, of those the lab runs. */
function ScenarioField(props: {
  scenarios: readonly LibraryScenario[];
  value: string;
  error: string | undefined;
  onChange: (scenario: string) => void;
}) {
  const id = useId();
  const chosen = props.scenarios.find((s) => s.id === props.value);
  return (
    <div className="field">
      <label htmlFor={id}>Scenario</label>
      <select
        id={id}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={props.error ? `${id}-error` : `${id}-hint`}
      >
        <option value="">Choose a scenario…</option>
        {props.scenarios.map((s) => (
          <option key={s.id} value={s.id}>
            {s.id} ({s.kind})
          </option>
        ))}
      </select>
      <p id={`${id}-hint`} className="hint">
        {chosen ? chosen.title : 'Only the scenarios whose world this lab runs.'}
      </p>
      <FieldError id={`${id}-error`} message={props.error} />
    </div>
  );
}

/** POST /v1/incidents from a form checked first (core/start-form.ts); the lab's refusal said as is. */
export function StartIncident(props: {
  token: string;
  scenarios: readonly LibraryScenario[];
  teams: readonly string[];
  onStarted: () => void;
}) {
  const [form, setForm] = useState<StartFormState>(INITIAL_START_FORM);
  const [errors, setErrors] = useState<StartErrors>({});
  const action = useLabAction();
  const modeName = useId();
  const runnable = props.scenarios.filter((s) => s.runnable);
  const set = (changes: Partial<StartFormState>) => setForm((f) => ({ ...f, ...changes }));
  const problems = Object.values(errors);
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const check = checkStartForm(form, { runnable: runnable.map((s) => s.id), teams: props.teams });
        action.clear();
        setErrors(check.ok ? {} : check.errors);
        if (!check.ok) return;
        const start = () =>
          api<TutorIncident>('/v1/incidents', { token: props.token, method: 'POST', body: check.body });
        action.run(start, (i) => `Started ${i.id} (${i.title}): ${i.state}.`, props.onStarted);
      }}
    >
      <ScenarioField
        scenarios={runnable}
        value={form.scenario}
        error={errors.scenario}
        onChange={(scenario) => set({ scenario })}
      />
      <fieldset className="field">
        <legend>Mode</legend>
        <div className="radios stacked">
          {MODES.map(({ mode, label }) => (
            <label key={mode}>
              <input
                type="radio"
                name={modeName}
                checked={form.mode === mode}
                onChange={() => set({ mode })}
              />{' '}
              {label}
            </label>
          ))}
        </div>
      </fieldset>
      <StartWhenFields form={form} errors={errors} set={set} />
      <StartTeamsFields form={form} errors={errors} teams={props.teams} set={set} />
      <div className="checks field">
        <label>
          <input
            type="checkbox"
            checked={form.feedback}
            onChange={(e) => set({ feedback: e.target.checked })}
          />{' '}
          Feedback: teams see their diagnosis scores at once
        </label>
      </div>
      {problems.length > 0 && <Notice kind="error">Not started: {problems.join('; ')}</Notice>}
      {action.outcome && <Notice kind={action.outcome.kind}>{action.outcome.text}</Notice>}
      <button type="submit" className="btn btn-primary" disabled={action.busy}>
        Start incident
      </button>
    </form>
  );
}
