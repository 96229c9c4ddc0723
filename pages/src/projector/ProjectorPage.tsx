import { api } from '../api/client';
import type { ProjectorView } from '../api/types';
import { formatDuration, formatScore } from '../core/format';
import { projectorCards, type ProjectorCard } from '../core/projector';
import { Layout } from '../ui/Layout';
import { Notice } from '../ui/Notice';
import { TokenGate, type Session } from '../ui/TokenGate';
import { usePoll } from '../ui/usePoll';
import './projector.css';

/*
 * The lecture screen: what incidents the class knows of and how the teams stand, in type a room
 * can read. It reads GET /v1/projector, which leaves out every secret (hidden incidents, scenario
 * ids, scores before the reveal), so nothing here can give the game away.
 */
export function ProjectorPage() {
  return (
    <TokenGate
      role="tutor"
      prompt="Sign in with the tutor token"
      help="The projector shows no secrets, but only the tutor opens it. The token stays in this browser tab only."
      frame={(content, session) => (
        <Layout page="projector" title="driftlab · class status" wide onSignOut={session?.signOut}>
          {content}
        </Layout>
      )}
    >
      {(session) => <Projector session={session} />}
    </TokenGate>
  );
}

function Projector({ session }: { session: Session }) {
  const view = usePoll(() => api<ProjectorView>('/v1/projector', { token: session.token }), 5000);
  if (!view.data)
    return view.error ? <Notice kind="error">{view.error}</Notice> : <p role="status">Loading…</p>;
  const cards = projectorCards(view.data);
  return (
    <div className="projector" aria-live="polite">
      {view.error && <Notice kind="error">{view.error}</Notice>}
      {cards.length === 0 ? (
        <p className="projector-empty">No incident announced yet. Watch your dashboards.</p>
      ) : (
        cards.map((card) => <IncidentCard key={card.id} card={card} />)
      )}
    </div>
  );
}

function IncidentCard({ card }: { card: ProjectorCard }) {
  return (
    <section className="panel projector-card" aria-labelledby={`p-${card.id}`}>
      <div className="projector-head">
        <h2 id={`p-${card.id}`}>{card.title}</h2>
        <span className={`badge badge-${card.state}`}>{card.status}</span>
      </div>
      {card.what && <p className="projector-what">{card.what}</p>}
      <table>
        <caption className="sr-only">How the teams stand on {card.title}</caption>
        <thead>
          <tr>
            {card.revealed && (
              <th scope="col" className="num">
                Rank
              </th>
            )}
            <th scope="col">Team</th>
            <th scope="col" className="num">
              Diagnoses
            </th>
            {card.revealed && (
              <>
                <th scope="col" className="num">
                  Best score
                </th>
                <th scope="col" className="num">
                  Time to detect
                </th>
                <th scope="col" className="num">
                  Time to recover
                </th>
              </>
            )}
          </tr>
        </thead>
        <tbody>
          {card.teams.map((t) => (
            <tr key={t.team}>
              {card.revealed && <td className="num">{t.rank ?? '–'}</td>}
              <th scope="row">{t.team}</th>
              <td className="num">{t.submissions}</td>
              {card.revealed && (
                <>
                  <td className="num">{formatScore(t.best)}</td>
                  <td className="num">{formatDuration(t.timeToDetectSeconds)}</td>
                  <td className="num">{formatDuration(t.timeToRecoverSeconds)}</td>
                </>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
