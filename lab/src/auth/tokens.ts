import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CliError } from '../io';

/** Who a request's token says it comes from. */
export type Principal = { readonly role: 'tutor' } | { readonly role: 'team'; readonly team: string };

const digest = (token: string) => createHash('sha256').update(token, 'utf8').digest();

/** A new token: 32 random bytes, URL-safe. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * The lab's tokens: one for tutors, one per team. Tokens are compared in constant time (on their
 * SHA-256 digests, so length differences leak nothing either) and never logged.
 */
export class Tokens {
  private readonly entries: { digest: Buffer; principal: Principal }[];

  constructor(
    tutor: string,
    readonly teams: Readonly<Record<string, string>>,
  ) {
    this.entries = [
      { digest: digest(tutor), principal: { role: 'tutor' } },
      ...Object.entries(teams).map(([team, token]) => ({
        digest: digest(token),
        principal: { role: 'team', team } as const,
      })),
    ];
  }

  /** The principal of `token`, or null. Every entry is compared, match or not. */
  identify(token: string): Principal | null {
    const d = digest(token);
    let found: Principal | null = null;
    for (const entry of this.entries) if (timingSafeEqual(entry.digest, d)) found = entry.principal;
    return found;
  }
}

export interface StoredTokens {
  readonly tutor: string;
  readonly teams: Record<string, string>;
}

export function tokensFile(dataDir: string): string {
  return join(dataDir, 'tokens.json');
}

/**
 * The tutor token (DRIFTLAB_TUTOR_TOKEN, else the stored one, else a new one) and a token per team
 * (stored, or new): kept in the data directory with mode 0600. `created` says what is new, for the
 * lab to print once.
 */
export function loadTokens(
  dataDir: string,
  teams: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): { tokens: Tokens; stored: StoredTokens; created: { tutor: boolean; teams: string[] } } {
  const file = tokensFile(dataDir);
  const previous: Partial<StoredTokens> = existsSync(file)
    ? (JSON.parse(readFileSync(file, 'utf8')) as StoredTokens)
    : {};
  const fromEnv = env.DRIFTLAB_TUTOR_TOKEN;
  if (fromEnv !== undefined && fromEnv.length < 16)
    throw new CliError('DRIFTLAB_TUTOR_TOKEN: expected at least 16 characters (a long random secret)', 2);
  const tutor = fromEnv ?? previous.tutor ?? newToken();
  const created = { tutor: !fromEnv && !previous.tutor, teams: [] as string[] };
  const teamTokens: Record<string, string> = {};
  for (const team of teams) {
    const old = previous.teams?.[team];
    teamTokens[team] = old ?? newToken();
    if (!old) created.teams.push(team);
  }
  // The environment's tutor token is not written down: it lives where the tutor keeps it.
  const stored: StoredTokens = {
    tutor: fromEnv ? (previous.tutor ?? '') : tutor,
    teams: { ...previous.teams, ...teamTokens },
  };
  writeFileSync(file, JSON.stringify(stored, null, 2) + '\n', { mode: 0o600 });
  return { tokens: new Tokens(tutor, teamTokens), stored: { tutor, teams: teamTokens }, created };
}

/** What the lab prints, once, when it generated the tutor token. */
export function tutorTokenNotice(dataDir: string, token: string): string {
  return `tutor token (shown once; kept in ${tokensFile(dataDir)}, mode 0600): ${token}\n`;
}
