import { Layout } from '../ui/Layout';
import { TokenGate } from '../ui/TokenGate';
import { TeamPage } from './TeamPage';

export function StudentPage() {
  return (
    <TokenGate
      role="team"
      prompt="Sign in with your team token"
      help="Your tutor gives each team a token. It stays in this browser tab only."
      frame={(content, session) => (
        <Layout
          page="student"
          title="Team page"
          signedInAs={session?.who.role === 'team' ? session.who.team : undefined}
          onSignOut={session?.signOut}
        >
          {content}
        </Layout>
      )}
    >
      {(session) => <TeamPage token={session.token} />}
    </TokenGate>
  );
}
