import { api } from '../api/client';
import type { IncidentAction, TutorIncident } from '../api/types';
import { formatTime } from '../core/format';
import { Notice } from '../ui/Notice';
import { AnswerKeyView } from './AnswerKeyView';
import { DisclosureButton, useDisclosure } from './disclosure';
import { actionDone, IncidentActions } from './IncidentActions';
import { useLabAction } from './useLabAction';

const COLUMNS = 9;

function Onsets(props: { incident: TutorIncident }) {
  const onsets = Object.entries(props.incident.onset);
  if (onsets.length === 0) return <span className="muted">not yet</span>;
  return (
    <ul className="plain">
      {onsets.map(([team, at]) => (
        <li key={team}>
          <span className="nowrap">{team}</span> {formatTime(at)}
        </li>
      ))}
    </ul>
  );
}

/** Team ids, each kept on one line ("team-1", not "team-" and "1"). */
function TeamNames(props: { teams: readonly string[] }) {
  return props.teams.map((team, n) => (
    <span key={team}>
      {n > 0 && ', '}
      <span className="nowrap">{team}</span>
    </span>
  ));
}

function IncidentRows(props: { incident: TutorIncident; busy: boolean; act: (a: IncidentAction) => void }) {
  const i = props.incident;
  const answer = useDisclosure();
  return (
    <>
      <tr>
        <th scope="row">
          <code>{i.id}</code> <span className="cell-title">{i.title}</span>{' '}
          <code className="muted">{i.scenario}</code>
        </th>
        <td>{i.mode}</td>
        <td>
          <TeamNames teams={i.teams} />
        </td>
        <td>
          <span className={`badge badge-${i.state}`}>{i.state}</span>
        </td>
        <td>
          {formatTime(i.createdAt)}
          <div className="muted">lab clock {formatTime(i.startsAt)}</div>
        </td>
        <td>
          <Onsets incident={i} />
        </td>
        <td>{i.feedback ? 'on' : 'off'}</td>
        <td>{i.revealed ? 'revealed' : 'no'}</td>
        <td className="incident-actions">
          <div className="row">
            <IncidentActions incident={i} busy={props.busy} act={props.act} />
            <DisclosureButton disclosure={answer} show="Show answer" hide="Hide answer" subject={i.id} />
          </div>
        </td>
      </tr>
      {answer.open && (
        <tr className="answer-row">
          <td colSpan={COLUMNS}>
            <AnswerKeyView answer={i.answer} id={answer.id} />
          </td>
        </tr>
      )}
    </>
  );
}

/** Every incident of this run and the last ones before, with what the tutor may do to each. */
export function IncidentsTable(props: {
  token: string;
  incidents: readonly TutorIncident[];
  onChanged: () => void;
}) {
  const action = useLabAction();
  const act = (incident: TutorIncident, verb: IncidentAction) => {
    const path = `/v1/incidents/${encodeURIComponent(incident.id)}/${verb}`;
    const call = () => api<TutorIncident>(path, { token: props.token, method: 'POST' });
    action.run(call, (after) => actionDone(after, verb), props.onChanged);
  };
  return (
    <>
      {action.outcome && <Notice kind={action.outcome.kind}>{action.outcome.text}</Notice>}
      {props.incidents.length === 0 ? (
        <p className="muted">No incident yet: start one with "Start an incident".</p>
      ) : (
        <table className="incidents">
          <thead>
            <tr>
              <th scope="col">Incident</th>
              <th scope="col">Mode</th>
              <th scope="col">Teams</th>
              <th scope="col">State</th>
              <th scope="col">Started</th>
              <th scope="col">Onset (wall clock)</th>
              <th scope="col">Feedback</th>
              <th scope="col">Revealed</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {[...props.incidents].reverse().map((i) => (
              <IncidentRows key={i.id} incident={i} busy={action.busy} act={(verb) => act(i, verb)} />
            ))}
          </tbody>
        </table>
      )}
      <p className="hint">
        Started is when you started it; below it, when it starts on the lab&apos;s simulated clock, which runs
        ahead of yours. An onset is when the first request it affected was sent in a team&apos;s lab, on the
        wall clock the dashboards show.
      </p>
    </>
  );
}
