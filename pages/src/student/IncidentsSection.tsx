import type { StudentIncident } from '../api/types';
import { featuresText } from '../core/diagnosis-form';
import { formatTime } from '../core/format';
import { Section } from '../ui/Section';
import type { Polled } from '../ui/usePoll';
import { PolledView } from '../ui/PolledView';

/** The incidents announced to the team, and what each was once the tutor reveals it. */
export function IncidentsSection({ polled }: { polled: Polled<readonly StudentIncident[]> }) {
  return (
    <Section title="Incidents">
      <PolledView polled={polled}>
        {(incidents) =>
          incidents.length === 0 ? (
            // A hidden incident is not listed on purpose: the dashboards are where to find it.
            <p className="muted">No incident has been announced to your team.</p>
          ) : (
            <ul className="team-incidents">
              {[...incidents].reverse().map((incident) => (
                <Incident key={incident.id} incident={incident} />
              ))}
            </ul>
          )
        }
      </PolledView>
    </Section>
  );
}

function Incident({ incident }: { incident: StudentIncident }) {
  return (
    <li className="team-incident">
      <div className="team-incident-head">
        <h3>{incident.title}</h3>
        <span className={`badge badge-${incident.state}`}>{incident.state}</span>
      </div>
      <p>{incident.brief}</p>
      {incident.revealed && incident.answer && (
        <dl className="team-revealed" aria-label={`What ${incident.title} was`}>
          <dt>What it was</dt>
          <dd>{incident.answer.what}</dd>
          <dt>Kind</dt>
          <dd>{incident.answer.kind}</dd>
          <dt>Model</dt>
          <dd>{incident.answer.model}</dd>
          <dt>Features</dt>
          <dd>{featuresText(incident.answer.features)}</dd>
          <dt>Began</dt>
          <dd>{formatTime(incident.onset)}</dd>
          {incident.scenario && (
            <>
              <dt>Scenario</dt>
              <dd>
                <code>{incident.scenario}</code>
              </dd>
            </>
          )}
        </dl>
      )}
    </li>
  );
}
