import { useState, type ReactNode } from 'react';
import { applyTheme, storedTheme, type ThemeChoice } from './theme';

export type PageId = 'student' | 'control' | 'projector';

const PAGES: readonly { id: PageId; href: string; label: string }[] = [
  { id: 'student', href: '/', label: 'Team page' },
  { id: 'control', href: '/control', label: 'Control room' },
  { id: 'projector', href: '/projector', label: 'Projector' },
];

/** The frame of every page: a skip link, the header (pages, theme, sign out) and the main region. */
export function Layout(props: {
  page: PageId;
  title: string;
  /** Who is signed in, e.g. "team-1"; with onSignOut, the header offers to sign out. */
  signedInAs?: string;
  onSignOut?: () => void;
  wide?: boolean;
  children: ReactNode;
}) {
  const [theme, setTheme] = useState<ThemeChoice>(storedTheme);
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <span className="brand" aria-hidden="true">
          driftlab
        </span>
        <nav aria-label="driftlab pages">
          {PAGES.map((p) => (
            <a key={p.id} href={p.href} aria-current={p.id === props.page ? 'page' : undefined}>
              {p.label}
            </a>
          ))}
        </nav>
        <div className="topbar-end">
          <label className="theme-switch">
            Theme{' '}
            <select
              value={theme}
              onChange={(e) => {
                const choice = e.target.value as ThemeChoice;
                setTheme(choice);
                applyTheme(choice);
              }}
            >
              <option value="system">System</option>
              <option value="dark">Dark</option>
              <option value="light">Light</option>
            </select>
          </label>
          {props.signedInAs && (
            <span className="signed-in">
              Signed in as <strong>{props.signedInAs}</strong>
            </span>
          )}
          {props.onSignOut && (
            <button type="button" className="btn btn-secondary btn-small" onClick={props.onSignOut}>
              Sign out
            </button>
          )}
        </div>
      </header>
      <main id="main" className={props.wide ? 'main wide' : 'main'} tabIndex={-1}>
        <h1>{props.title}</h1>
        {props.children}
      </main>
    </>
  );
}
