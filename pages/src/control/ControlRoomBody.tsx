import { api } from '../api/client';
import type { LibraryScenario, ScoreboardRow, TeamEntry, TutorIncident } from '../api/types';
import { Section } from '../ui/Section';
import type { Session } from '../ui/TokenGate';
import { usePoll } from '../ui/usePoll';
import { IncidentsTable } from './IncidentsTable';
import { PolledView } from '../ui/PolledView';
import { RecordTimeline, useRecord } from './RecordTimeline';
import { ResetLab } from './ResetLab';
import { ScenarioLibrary } from './ScenarioLibrary';
import { ScoreboardTable } from '../ui/ScoreboardTable';
import { StartIncident } from './StartIncident';
import { TeamsTable } from './TeamsTable';
import './control.css';

/** What changes during a class (incidents, scores, the record): read this often. */
const LIVE_MS = 5_000;
/** What changes only when the lab restarts (its scenarios, its teams). */
const STEADY_MS = 60_000;

export function ControlRoomBody(props: { session: Session }) {
  const { token } = props.session;
  const incidents = usePoll(() => api<{ incidents: TutorIncident[] }>('/v1/incidents', { token }), LIVE_MS);
  const scoreboard = usePoll(
    () => api<{ scoreboard: ScoreboardRow[] }>('/v1/scoreboard', { token }),
    LIVE_MS,
  );
  const record = useRecord(token, LIVE_MS);
  const scenarios = usePoll(
    () => api<{ scenarios: LibraryScenario[] }>('/v1/scenarios', { token }),
    STEADY_MS,
  );
  const teams = usePoll(() => api<{ teams: TeamEntry[] }>('/v1/teams', { token }), STEADY_MS);
  // After an action, everything it may have changed at once rather than at the next poll.
  const changed = () => {
    incidents.reload();
    scoreboard.reload();
    record.polled.reload();
  };
  return (
    <div className="stack">
      <p className="row">
        <a href="/projector">Open the projector view</a>
        <span className="hint">
          for the lecture screen: incident status and scores, no answer keys and no tokens.
        </span>
      </p>
      <div className="control-layout">
        <div className="stack">
          <Section title="Incidents">
            <PolledView polled={incidents} what="the incidents">
              {(d) => <IncidentsTable token={token} incidents={d.incidents} onChanged={changed} />}
            </PolledView>
          </Section>
          <Section title="Scoreboard">
            <PolledView polled={scoreboard} what="the scoreboard">
              {(d) =>
                d.scoreboard.length === 0 ? (
                  <p className="muted">No scores yet: rows appear once an incident starts.</p>
                ) : (
                  <ScoreboardTable rows={d.scoreboard} teams />
                )
              }
            </PolledView>
          </Section>
          <Section title="Record">
            <RecordTimeline record={record} />
          </Section>
        </div>
        <div className="stack">
          <Section title="Start an incident">
            <PolledView polled={scenarios} what="the scenarios">
              {(d) => (
                <StartIncident
                  token={token}
                  scenarios={d.scenarios}
                  teams={teams.data?.teams.map((t) => t.id) ?? []}
                  onStarted={changed}
                />
              )}
            </PolledView>
          </Section>
          <Section title="Teams">
            <PolledView polled={teams} what="the teams">
              {(d) => <TeamsTable teams={d.teams} />}
            </PolledView>
          </Section>
          <Section title="Reset the lab">
            <ResetLab token={token} onReset={changed} />
          </Section>
        </div>
      </div>
      <Section title="Scenario library">
        <PolledView polled={scenarios} what="the scenarios">
          {(d) => <ScenarioLibrary scenarios={d.scenarios} />}
        </PolledView>
      </Section>
    </div>
  );
}
