/*
 * A page's token, kept in this browser tab's session storage only: gone when the tab closes, never
 * in a URL (so never in the lab's logs, the browser's history or a Referer), never in a cookie (so
 * never sent by a request the page did not make).
 */
import type { Role } from './api/types';

const KEY: Record<Role, string> = { team: 'driftlab.team-token', tutor: 'driftlab.tutor-token' };

export function storedToken(role: Role): string | null {
  try {
    return sessionStorage.getItem(KEY[role]);
  } catch {
    return null;
  }
}

export function storeToken(role: Role, token: string | null): void {
  try {
    if (token === null) sessionStorage.removeItem(KEY[role]);
    else sessionStorage.setItem(KEY[role], token);
  } catch {
    // Storage refused (a private window's quota): the page still works until it is reloaded.
  }
}
