import type { DiagnosisFeedback } from '../api/types';
import { featuresText, scoreText } from '../core/diagnosis-form';
import { formatTime } from '../core/format';
import { Section } from '../ui/Section';
import type { Polled } from '../ui/usePoll';
import { PolledView } from '../ui/PolledView';

/** Every diagnosis the team sent, newest first, with its score or why there is none yet. */
export function DiagnosesSection({ polled }: { polled: Polled<readonly DiagnosisFeedback[]> }) {
  return (
    <Section title="Your diagnoses">
      <PolledView polled={polled}>
        {(diagnoses) =>
          diagnoses.length === 0 ? (
            <p className="muted">Your team has sent no diagnosis yet.</p>
          ) : (
            <div className="team-scroll">
              <table>
                <caption className="sr-only">Your team’s diagnoses, newest first</caption>
                <thead>
                  <tr>
                    <th scope="col">Submitted</th>
                    <th scope="col">Model</th>
                    <th scope="col">Kind</th>
                    <th scope="col">Features</th>
                    <th scope="col">Began</th>
                    <th scope="col">Score</th>
                  </tr>
                </thead>
                <tbody>
                  {[...diagnoses].reverse().map((d) => (
                    <tr key={d.id}>
                      <th scope="row">{formatTime(d.submittedAt)}</th>
                      <td>{d.model}</td>
                      <td>{d.kind}</td>
                      <td>{featuresText(d.features)}</td>
                      <td>{formatTime(d.since)}</td>
                      <td className={d.score ? 'team-score' : 'muted'}>{scoreText(d)}</td>
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
