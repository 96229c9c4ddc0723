import { Layout } from '../ui/Layout';
import { TokenGate } from '../ui/TokenGate';

export function ProjectorPage() {
  return (
    <TokenGate
      role="tutor"
      prompt="Sign in with the tutor token"
      help="The projector shows no secrets, but only the tutor opens it. The token stays in this browser tab only."
      frame={(content, session) => (
        <Layout page="projector" title="driftlab" signedInAs={undefined} onSignOut={session?.signOut}>
          {content}
        </Layout>
      )}
    >
      {() => <p>Signed in.</p>}
    </TokenGate>
  );
}
