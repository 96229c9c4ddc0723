import { Layout } from '../ui/Layout';
import { TokenGate } from '../ui/TokenGate';
import { ControlRoomBody } from './ControlRoomBody';

export function ControlRoom() {
  return (
    <TokenGate
      role="tutor"
      prompt="Sign in with the tutor token"
      help="driftlab start printed it; it is kept in tokens.json in the lab's data directory. It stays in this browser tab only."
      frame={(content, session) => (
        <Layout
          page="control"
          title="Control room"
          signedInAs={session ? 'tutor' : undefined}
          onSignOut={session?.signOut}
          wide
        >
          {content}
        </Layout>
      )}
    >
      {(session) => <ControlRoomBody session={session} />}
    </TokenGate>
  );
}
