import type { IncidentAction, TutorIncident } from '../api/types';
import { ConfirmButton } from '../ui/ConfirmButton';

const DONE: Record<IncidentAction, string> = {
  pause: 'paused',
  resume: 'resumed',
  abort: 'aborted',
  reveal: 'revealed',
};

/** What an action did, said for the tutor. */
export const actionDone = (incident: TutorIncident, action: IncidentAction) =>
  `${incident.id} ${DONE[action]}: now ${incident.state}.`;

/**
 * The actions an incident's state allows: pause until it ends ("scheduled" also covers a started
 * incident whose first fault is still to come; the lab refuses, 409, one whose start time has not
 * come), resume while paused, abort until it has ended, reveal until revealed (also after it ended,
 * for the debrief).
 */
export function IncidentActions(props: {
  incident: TutorIncident;
  busy: boolean;
  act: (action: IncidentAction) => void;
}) {
  const { incident: i, busy, act } = props;
  const live = i.state === 'scheduled' || i.state === 'running' || i.state === 'paused';
  return (
    <div className="row">
      {(i.state === 'scheduled' || i.state === 'running') && (
        <button
          type="button"
          className="btn btn-secondary btn-small"
          disabled={busy}
          onClick={() => act('pause')}
        >
          Pause
        </button>
      )}
      {i.state === 'paused' && (
        <button
          type="button"
          className="btn btn-secondary btn-small"
          disabled={busy}
          onClick={() => act('resume')}
        >
          Resume
        </button>
      )}
      {!i.revealed && (
        <ConfirmButton
          label="Reveal"
          title={`Reveal ${i.id}?`}
          confirmLabel="Reveal"
          disabled={busy}
          onConfirm={() => act('reveal')}
        >
          <p>
            The teams it concerns then see what it was: the scenario, the kind, the model, the features and
            when it began in their lab; their scores appear. This cannot be undone.
          </p>
        </ConfirmButton>
      )}
      {live && (
        <ConfirmButton
          label="Abort"
          title={`Abort ${i.id}?`}
          confirmLabel="Abort"
          variant="destructive"
          disabled={busy}
          onConfirm={() => act('abort')}
        >
          <p>Its faults are removed at once and it cannot be resumed. The record and the scores stay.</p>
        </ConfirmButton>
      )}
    </div>
  );
}
