import { useId } from 'react';
import { toggleTeam, type StartErrors, type StartFormState } from '../core/start-form';
import { FieldError } from './FieldError';

/** Which teams the incident concerns: all, or those ticked. */
export function StartTeamsFields(props: {
  form: StartFormState;
  errors: StartErrors;
  teams: readonly string[];
  set: (changes: Partial<StartFormState>) => void;
}) {
  const { form, errors, teams, set } = props;
  const name = useId();
  const errorId = useId();
  return (
    <fieldset className="field" aria-describedby={errors.teams ? errorId : undefined}>
      <legend>Teams</legend>
      <div className="radios stacked">
        <label>
          <input
            type="radio"
            name={name}
            checked={form.teams === 'all'}
            onChange={() => set({ teams: 'all' })}
          />{' '}
          Every team
        </label>
        <label>
          <input
            type="radio"
            name={name}
            checked={form.teams === 'chosen'}
            onChange={() => set({ teams: 'chosen' })}
          />{' '}
          Chosen teams
        </label>
      </div>
      {form.teams === 'chosen' && (
        <fieldset className="nested">
          <legend>Chosen teams</legend>
          <div className="checks">
            {teams.map((team) => (
              <label key={team}>
                <input
                  type="checkbox"
                  checked={form.chosenTeams.includes(team)}
                  onChange={(e) =>
                    set({ chosenTeams: toggleTeam(form.chosenTeams, team, e.target.checked, teams) })
                  }
                />{' '}
                {team}
              </label>
            ))}
          </div>
        </fieldset>
      )}
      <FieldError id={errorId} message={errors.teams} />
    </fieldset>
  );
}
