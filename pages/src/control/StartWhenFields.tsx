import { useId } from 'react';
import type { StartErrors, StartFormState, StartWhen } from '../core/start-form';
import { FieldError } from './FieldError';

/** When the incident starts: now, N minutes of simulated time from now, or at a wall-clock time. */
export function StartWhenFields(props: {
  form: StartFormState;
  errors: StartErrors;
  set: (changes: Partial<StartFormState>) => void;
}) {
  const { form, errors, set } = props;
  const name = useId();
  const minutesId = useId();
  const atId = useId();
  const radio = (when: StartWhen, label: string) => (
    <label>
      <input type="radio" name={name} checked={form.when === when} onChange={() => set({ when })} /> {label}
    </label>
  );
  return (
    <fieldset className="field">
      <legend>When</legend>
      <div className="radios stacked">
        {radio('now', 'Now')}
        {radio('in', 'In some minutes of simulated time')}
        {form.when === 'in' && (
          <div className="field nested">
            <label htmlFor={minutesId}>Minutes from now (simulated)</label>
            <input
              id={minutesId}
              type="text"
              inputMode="decimal"
              value={form.inMinutes}
              onChange={(e) => set({ inMinutes: e.target.value })}
              aria-invalid={errors.inMinutes ? true : undefined}
              aria-describedby={
                errors.inMinutes ? `${minutesId}-hint ${minutesId}-error` : `${minutesId}-hint`
              }
            />
            <p id={`${minutesId}-hint`} className="hint">
              The lab&apos;s clock runs faster than yours: at its default speed (60×) a simulated hour passes
              in a minute.
            </p>
            <FieldError id={`${minutesId}-error`} message={errors.inMinutes} />
          </div>
        )}
        {radio('at', 'At a time on the wall clock')}
        {form.when === 'at' && (
          <div className="field nested">
            <label htmlFor={atId}>Start time (your time zone)</label>
            <input
              id={atId}
              type="datetime-local"
              value={form.atLocal}
              onChange={(e) => set({ atLocal: e.target.value })}
              aria-invalid={errors.atLocal ? true : undefined}
              aria-describedby={errors.atLocal ? `${atId}-error` : undefined}
            />
            <FieldError id={`${atId}-error`} message={errors.atLocal} />
          </div>
        )}
      </div>
    </fieldset>
  );
}
