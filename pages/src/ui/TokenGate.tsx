import { useCallback, useEffect, useId, useState, type ReactNode } from 'react';
import { api, ApiError } from '../api/client';
import type { Role, WhoAmI } from '../api/types';
import { storedToken, storeToken } from '../session';
import { Notice } from './Notice';

export interface Session {
  readonly token: string;
  readonly who: WhoAmI;
  readonly signOut: () => void;
}

const WRONG_ROLE: Record<Role, string> = {
  team: 'This is the tutor token. Tutors use the control room; a team signs in here with its team token.',
  tutor: 'This is a team token. The control room needs the tutor token.',
};

/** Who `token` belongs to, or what is wrong with it, said for a person. */
async function verify(token: string, role: Role): Promise<WhoAmI | string> {
  try {
    const who = await api<WhoAmI>('/v1/whoami', { token });
    return who.role === role ? who : WRONG_ROLE[role];
  } catch (e) {
    return e instanceof ApiError ? e.message : String(e);
  }
}

/**
 * Asks once for the token `role` needs, checks it with the lab (GET /v1/whoami), keeps it for this
 * tab (session.ts) and renders `children` with it; a wrong token is told so plainly.
 */
export function TokenGate(props: {
  role: Role;
  /** What the form is for, e.g. "Sign in with your team token". */
  prompt: string;
  help: ReactNode;
  children: (session: Session) => ReactNode;
  frame: (content: ReactNode, session?: Session) => ReactNode;
}) {
  const [session, setSession] = useState<Session>();
  const [checking, setChecking] = useState(() => storedToken(props.role) !== null);
  const [error, setError] = useState<string>();
  const inputId = useId();
  const helpId = useId();

  const { role } = props;
  const signOut = useCallback(() => {
    storeToken(role, null);
    setSession(undefined);
  }, [role]);
  /** Signs in with `token`, or says what is wrong with it (verify's outcome). */
  const apply = useCallback(
    (token: string, outcome: WhoAmI | string) => {
      if (typeof outcome === 'string') {
        if (outcome !== WRONG_ROLE[role]) storeToken(role, null);
        setError(outcome);
        return;
      }
      storeToken(role, token);
      setError(undefined);
      setSession({ token, who: outcome, signOut });
    },
    [role, signOut],
  );
  // On load, a token kept for this tab is checked again before it is used.
  useEffect(() => {
    const token = storedToken(role);
    if (!token) return;
    verify(token, role)
      .then((outcome) => apply(token, outcome))
      .finally(() => setChecking(false));
  }, [apply, role]);

  if (session) return <>{props.frame(props.children(session), session)}</>;
  if (checking) return <>{props.frame(<p role="status">Checking your token…</p>)}</>;
  return (
    <>
      {props.frame(
        <form
          className="panel signin"
          onSubmit={(e) => {
            e.preventDefault();
            const token = String(new FormData(e.currentTarget).get('token') ?? '').trim();
            if (token) void verify(token, role).then((outcome) => apply(token, outcome));
            else setError('Enter a token first.');
          }}
        >
          <h2>{props.prompt}</h2>
          <label htmlFor={inputId}>Token</label>
          <input
            id={inputId}
            name="token"
            type="password"
            autoComplete="off"
            spellCheck={false}
            aria-describedby={helpId}
            aria-invalid={error ? true : undefined}
            required
          />
          <p id={helpId} className="hint">
            {props.help}
          </p>
          {error && <Notice kind="error">{error}</Notice>}
          <button type="submit" className="btn btn-primary">
            Sign in
          </button>
        </form>,
      )}
    </>
  );
}
