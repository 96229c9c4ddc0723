import type { ScoreboardRow } from '../api/types';
import { formatDuration, formatScore } from '../core/format';
import { Section } from '../ui/Section';
import type { Polled } from '../ui/usePoll';
import { PolledView } from '../ui/PolledView';

/** The team's own scoreboard rows; a "–" is what the tutor keeps back until the reveal. */
export function StandingSection({ polled }: { polled: Polled<readonly ScoreboardRow[]> }) {
  return (
    <Section title="Your standing">
      <PolledView polled={polled}>
        {(rows) =>
          rows.length === 0 ? (
            <p className="muted">No scores yet: they come with an announced or revealed incident.</p>
          ) : (
            <div className="team-scroll">
              <table>
                <caption className="sr-only">Your team’s scores per incident</caption>
                <thead>
                  <tr>
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
                  {rows.map((row) => (
                    <tr key={row.incident}>
                      <th scope="row">{row.title}</th>
                      <td className="num">{formatScore(row.best)}</td>
                      <td className="num">{formatScore(row.last)}</td>
                      <td className="num">{row.submissions}</td>
                      <td className="num">{formatDuration(row.timeToDetectSeconds)}</td>
                      <td className="num">{formatDuration(row.timeToRecoverSeconds)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </PolledView>
    </Section>
  );
}
