import { useState } from 'react';
import type { TeamEntry } from '../api/types';
import { Notice } from '../ui/Notice';
import { DisclosureButton, useDisclosure } from './disclosure';
import type { Outcome } from './useLabAction';

async function copy(team: TeamEntry): Promise<Outcome> {
  // The clipboard exists on a secure origin only (https, or this machine): elsewhere, say so.
  if (!navigator.clipboard)
    return { kind: 'error', text: 'This browser allows no copying here: show the token and select it.' };
  try {
    await navigator.clipboard.writeText(team.token);
    return { kind: 'success', text: `Copied ${team.id}'s token.` };
  } catch {
    return { kind: 'error', text: `Could not copy ${team.id}'s token: show it and select it.` };
  }
}

function TeamRow(props: { team: TeamEntry; copied: (outcome: Outcome) => void }) {
  const { team } = props;
  const token = useDisclosure();
  return (
    <tr>
      <th scope="row" className="nowrap">
        {team.id}
      </th>
      <td>
        {team.url ? (
          <a href={team.url}>{team.url}</a>
        ) : (
          <span className="muted">not hosted by this process</span>
        )}
      </td>
      <td>
        <div className="row">
          <DisclosureButton disclosure={token} show="Show token" hide="Hide token" subject={team.id} />
          <button
            type="button"
            className="btn btn-secondary btn-small"
            onClick={() => void copy(team).then(props.copied)}
          >
            Copy<span className="sr-only"> {team.id}&apos;s token</span>
          </button>
        </div>
        {token.open && (
          <code className="secret" id={token.id}>
            {team.token}
          </code>
        )}
      </td>
    </tr>
  );
}

/** The teams, where each reaches its lab, and their tokens: secrets, shown one at a time when asked. */
export function TeamsTable(props: { teams: readonly TeamEntry[] }) {
  const [outcome, setOutcome] = useState<Outcome>();
  return (
    <>
      {outcome && <Notice kind={outcome.kind}>{outcome.text}</Notice>}
      <table>
        <thead>
          <tr>
            <th scope="col">Team</th>
            <th scope="col">Address</th>
            <th scope="col">Token</th>
          </tr>
        </thead>
        <tbody>
          {props.teams.map((t) => (
            <TeamRow key={t.id} team={t} copied={setOutcome} />
          ))}
        </tbody>
      </table>
      <p className="hint">Hand each team its address and token together; a token is a password.</p>
    </>
  );
}
