import type { ScoreboardRow } from '../api/types';
import { formatDuration, formatScore } from '../core/format';

const NUMBERS = ['Best', 'Last', 'Diagnoses', 'Time to detect', 'Time to recover'] as const;

/**
 * Scoreboard rows: best and last score, diagnoses, times to detect and recover ("–" where the
 * tutor keeps them back). With `teams`, a row per team and incident (the tutor's whole board);
 * without, a row per incident (a team's own).
 */
export function ScoreboardTable(props: { rows: readonly ScoreboardRow[]; teams: boolean; caption?: string }) {
  return (
    <table>
      {props.caption && <caption className="sr-only">{props.caption}</caption>}
      <thead>
        <tr>
          {props.teams && <th scope="col">Team</th>}
          <th scope="col">Incident</th>
          {NUMBERS.map((name) => (
            <th key={name} scope="col" className="num">
              {name}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {props.rows.map((r) => (
          <tr key={`${r.incident}/${r.team}`}>
            {props.teams ? (
              <>
                <th scope="row" className="nowrap">
                  {r.team}
                </th>
                <td>
                  <code>{r.incident}</code> {r.title}
                </td>
              </>
            ) : (
              <th scope="row">{r.title}</th>
            )}
            <td className="num">{formatScore(r.best)}</td>
            <td className="num">{formatScore(r.last)}</td>
            <td className="num">{r.submissions}</td>
            <td className="num">{formatDuration(r.timeToDetectSeconds)}</td>
            <td className="num">{formatDuration(r.timeToRecoverSeconds)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
