import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readTextLimited } from '@driftlab/simulator';
import { CliError } from '../io';

/** Who a request's token says it comes from. */
export type Principal = { readonly role: 'tutor' } | { readonly role: 'team'; readonly team: string };

const digest = (token: string) => createHash('sha256').update(token, 'utf8').digest();

/** A new token: 32 random bytes, URL-safe. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * The lab's tokens: one for tutors, one per team, and the webhook secret Alertmanager proves itself
 * with (a secret of its own: Alertmanager's configuration never holds a tutor's powers). Tokens are
 * compared in constant time (on their SHA-256 digests, so length differences leak nothing either)
 * and never logged.
 */
export class Tokens {
  private readonly entries: { digest: Buffer; principal: Principal }[];
  private readonly webhookDigest: Buffer;

  constructor(
    tutor: string,
    readonly teams: Readonly<Record<string, string>>,
    webhook: string = newToken(),
  ) {
    this.webhookDigest = digest(webhook);
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

  /** Whether `token` is the webhook secret (Alertmanager's). */
  isWebhookSecret(token: string): boolean {
    return timingSafeEqual(this.webhookDigest, digest(token));
  }
}

export interface StoredTokens {
  readonly tutor: string;
  readonly teams: Record<string, string>;
  /** The secret Alertmanager sends to the lab's webhook (`Authorization: Bearer …`). */
  readonly webhook: string;
}

export function tokensFile(dataDir: string): string {
  return join(dataDir, 'tokens.json');
}

/** Where a tutor token configured for the lab is read from: the environment or a file. */
export const TUTOR_TOKEN_VARIABLE = 'DRIFTLAB_TUTOR_TOKEN';
export const TUTOR_TOKEN_FILE_VARIABLE = 'DRIFTLAB_TUTOR_TOKEN_FILE';
/** The webhook secret the lab's configuration sets (compose gives Alertmanager the same). */
export const WEBHOOK_TOKEN_VARIABLE = 'DRIFTLAB_WEBHOOK_TOKEN';
const MIN_TOKEN_LENGTH = 16;
/** A token file holds one line; anything longer (a wrong file, /dev/zero) is refused unread. */
const MAX_TOKEN_FILE_BYTES = 4096;

/**
 * The tutor token the lab's configuration sets: DRIFTLAB_TUTOR_TOKEN, or the first line of a file
 * (`--tutor-token-file` or DRIFTLAB_TUTOR_TOKEN_FILE: a Docker secret, a file only the tutor reads).
 * Undefined when neither is set.
 */
export function configuredTutorToken(
  env: NodeJS.ProcessEnv,
  file: string | undefined = env[TUTOR_TOKEN_FILE_VARIABLE],
): string | undefined {
  const fromEnv = env[TUTOR_TOKEN_VARIABLE];
  if (fromEnv !== undefined && file)
    throw new CliError(
      `${TUTOR_TOKEN_VARIABLE} and a tutor token file (${file}) are both set: keep one, so the lab's token is not in doubt`,
      2,
    );
  let token = fromEnv;
  let from = TUTOR_TOKEN_VARIABLE;
  if (file) {
    from = `tutor token file ${file}`;
    try {
      token = readTextLimited(file, MAX_TOKEN_FILE_BYTES, 'a tutor token file').split(/\r?\n/)[0].trim();
    } catch (e) {
      throw new CliError(`${from}: ${(e as Error).message}`, 2);
    }
  }
  if (token !== undefined && token.length < MIN_TOKEN_LENGTH)
    throw new CliError(`${from}: expected at least ${MIN_TOKEN_LENGTH} characters (a long random secret)`, 2);
  return token;
}

/**
 * The tutor token (configured: see configuredTutorToken; else the stored one, else a new one) and a
 * token per team (stored, or new): kept in the data directory with mode 0600. `created` says what
 * is new, for the lab to print once.
 */
export function loadTokens(
  dataDir: string,
  teams: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
  tutorTokenFile?: string,
): { tokens: Tokens; stored: StoredTokens; created: { tutor: boolean; teams: string[] } } {
  const file = tokensFile(dataDir);
  const previous = readStoredTokens(file);
  const configured = configuredTutorToken(env, tutorTokenFile ?? env[TUTOR_TOKEN_FILE_VARIABLE]);
  // A stored tutor token too short to be a secret (an empty one, written by an older version when
  // the token was configured) is never used: a new one is made and printed.
  const storedTutor = usableToken(previous.tutor);
  const tutor = configured ?? storedTutor ?? newToken();
  const created = { tutor: !configured && !storedTutor, teams: [] as string[] };
  const teamTokens: Record<string, string> = {};
  for (const team of teams) {
    const old = previous.teams?.[team];
    teamTokens[team] = old ?? newToken();
    if (!old) created.teams.push(team);
  }
  const configuredWebhook = configuredWebhookToken(env);
  const webhook = configuredWebhook ?? usableToken(previous.webhook) ?? newToken();
  // A configured token is not written down: it lives where the tutor keeps it.
  const written = configured ? storedTutor : tutor;
  const stored = {
    ...(written ? { tutor: written } : {}),
    teams: { ...previous.teams, ...teamTokens },
    ...(configuredWebhook ? {} : { webhook }),
  };
  writeFileSync(file, JSON.stringify(stored, null, 2) + '\n', { mode: 0o600 });
  return {
    tokens: new Tokens(tutor, teamTokens, webhook),
    stored: { tutor, teams: teamTokens, webhook },
    created,
  };
}

function configuredWebhookToken(env: NodeJS.ProcessEnv): string | undefined {
  const token = env[WEBHOOK_TOKEN_VARIABLE];
  if (token !== undefined && token.length < MIN_TOKEN_LENGTH)
    throw new CliError(
      `${WEBHOOK_TOKEN_VARIABLE}: expected at least ${MIN_TOKEN_LENGTH} characters (a long random secret)`,
      2,
    );
  return token;
}

function usableToken(token: unknown): string | undefined {
  return typeof token === 'string' && token.length >= MIN_TOKEN_LENGTH ? token : undefined;
}

/** The tokens file as the last run left it ({} when there is none). */
function readStoredTokens(file: string): {
  tutor?: unknown;
  teams?: Record<string, string>;
  webhook?: unknown;
} {
  if (!existsSync(file)) return {};
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
      throw new Error('not an object');
    return parsed as { tutor?: unknown; teams?: Record<string, string>; webhook?: unknown };
  } catch (e) {
    throw new CliError(
      `${file}: cannot read the lab's tokens (${(e as Error).message}); expected {"tutor": …, "teams": {…}} as the lab wrote it, or remove the file to make new tokens`,
    );
  }
}

/** What the lab prints, once, when it generated the tutor token. */
export function tutorTokenNotice(dataDir: string, token: string): string {
  return `tutor token (shown once; kept in ${tokensFile(dataDir)}, mode 0600): ${token}\n`;
}
