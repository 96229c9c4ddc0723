import { usePoll } from '../ui/usePoll';
import { DiagnosesSection } from './DiagnosesSection';
import { DiagnosisSection } from './DiagnosisForm';
import { IncidentsSection } from './IncidentsSection';
import { loadDiagnoses, loadIncidents, loadModels, loadStanding } from './load';
import { ModelsSection } from './ModelsSection';
import { RecoverySection } from './RecoverySection';
import { StandingSection } from './StandingSection';
import './student.css';

/** The page follows the live lab: every few seconds is enough to see an incident or a score arrive. */
const POLL_MS = 5000;

/**
 * What a signed-in team works with: its incidents and standing, the diagnosis form and its
 * diagnoses, its models' versions, and the recovery actions.
 */
export function TeamPage({ token }: { token: string }) {
  const models = usePoll(() => loadModels(token), POLL_MS);
  const incidents = usePoll(() => loadIncidents(token), POLL_MS);
  const diagnoses = usePoll(() => loadDiagnoses(token), POLL_MS);
  const standing = usePoll(() => loadStanding(token), POLL_MS);
  return (
    <div className="team-page">
      <div className="grid">
        <IncidentsSection polled={incidents} />
        <StandingSection polled={standing} />
      </div>
      <DiagnosisSection
        token={token}
        catalogue={models.data?.catalogue}
        error={models.error}
        onSent={() => {
          diagnoses.reload();
          standing.reload();
        }}
      />
      <DiagnosesSection polled={diagnoses} />
      <ModelsSection polled={models} />
      <RecoverySection token={token} polled={models} onChanged={models.reload} />
    </div>
  );
}
