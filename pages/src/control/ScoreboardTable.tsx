import type { ScoreboardRow } from '../api/types';
import { formatDuration, formatScore } from '../core/format';

/** Every team's best and last score per incident, with its times to detect and recover. */
export function ScoreboardTable(props: { rows: readonly ScoreboardRow[] }) {
  if (props.rows.length === 0)
    return <p className="muted">No scores yet: rows appear once an incident starts.</p>;
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">Team</th>
          <th scope="col">Incident</th>
          <th scope="col" className="num">
            Best
          </th>
          <th scope="col" className="num">
            Last
          </th>
          <th scope="col" className="num">
            Diagnoses
          </th>
          <th scope="col" className="num">
            Time to detect
          </th>
          <th scope="col" className="num">
            Time to recover
          </th>
        </tr>
      </thead>
      <tbody>
        {props.rows.map((r) => (
          <tr key={`${r.incident}/${r.team}`}>
            <th scope="row" className="nowrap">
              {r.team}
            </th>
            <td>
              <code>{r.incident}</code> {r.title}
            </td>
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
