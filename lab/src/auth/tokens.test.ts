import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadTokens, tokensFile } from './tokens';

describe('lab tokens', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'driftlab-tokens-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('generates a tutor token and team tokens once, keeps them (0600), and tells them apart', () => {
    const first = loadTokens(dir, ['team-1', 'team-2'], {});
    expect(first.created).toEqual({ tutor: true, teams: ['team-1', 'team-2'] });
    expect(statSync(tokensFile(dir)).mode & 0o777).toBe(0o600);
    const again = loadTokens(dir, ['team-1', 'team-2'], {});
    expect(again.created).toEqual({ tutor: false, teams: [] });
    expect(again.stored).toEqual(first.stored);
    const { tokens, stored } = again;
    expect(tokens.identify(stored.tutor)).toEqual({ role: 'tutor' });
    expect(tokens.identify(stored.teams['team-2'])).toEqual({ role: 'team', team: 'team-2' });
    expect(tokens.identify(stored.tutor.slice(0, -1))).toBeNull();
    expect(tokens.identify('')).toBeNull();
    expect(new Set([stored.tutor, stored.webhook, ...Object.values(stored.teams)]).size).toBe(4);
    // The webhook secret is Alertmanager's alone: no principal, and no other token is it.
    expect(tokens.isWebhookSecret(stored.webhook)).toBe(true);
    expect(tokens.identify(stored.webhook)).toBeNull();
    expect(tokens.isWebhookSecret(stored.tutor)).toBe(false);
  });

  it('takes the webhook secret from DRIFTLAB_WEBHOOK_TOKEN without writing it down', () => {
    const secret = 'a-long-webhook-secret-from-the-env';
    const { tokens, stored } = loadTokens(dir, ['team-1'], { DRIFTLAB_WEBHOOK_TOKEN: secret });
    expect([stored.webhook, tokens.isWebhookSecret(secret)]).toEqual([secret, true]);
    expect(readFileSync(tokensFile(dir), 'utf8')).not.toContain(secret);
    expect(() => loadTokens(dir, ['team-1'], { DRIFTLAB_WEBHOOK_TOKEN: 'short' })).toThrow(
      'DRIFTLAB_WEBHOOK_TOKEN: expected at least 16 characters',
    );
  });

  it('takes the tutor token from DRIFTLAB_TUTOR_TOKEN without writing it down', () => {
    const secret = 'a-long-tutor-secret-from-the-env';
    const { tokens, created } = loadTokens(dir, ['team-1'], { DRIFTLAB_TUTOR_TOKEN: secret });
    expect(created.tutor).toBe(false);
    expect(tokens.identify(secret)).toEqual({ role: 'tutor' });
    expect(readFileSync(tokensFile(dir), 'utf8')).not.toContain(secret);
    expect(() => loadTokens(dir, ['team-1'], { DRIFTLAB_TUTOR_TOKEN: 'short' })).toThrow(
      'DRIFTLAB_TUTOR_TOKEN: expected at least 16 characters',
    );
  });

  it('never starts with an empty tutor token: a run with DRIFTLAB_TUTOR_TOKEN, then one without it', () => {
    loadTokens(dir, ['team-1'], { DRIFTLAB_TUTOR_TOKEN: 'a-long-tutor-secret-from-the-env' });
    const after = loadTokens(dir, ['team-1'], {});
    expect(after.created.tutor).toBe(true); // a new one, printed once
    expect(after.stored.tutor.length).toBeGreaterThanOrEqual(32);
    expect(after.tokens.identify(after.stored.tutor)).toEqual({ role: 'tutor' });
    expect(after.tokens.identify('')).toBeNull();
    // An empty one an older version wrote is not used either.
    writeFileSync(tokensFile(dir), JSON.stringify({ tutor: '', teams: after.stored.teams }), { mode: 0o600 });
    const again = loadTokens(dir, ['team-1'], {});
    expect(again.created.tutor).toBe(true);
    expect(again.stored.tutor).not.toBe('');
    expect(again.stored.teams).toEqual(after.stored.teams);
  });

  it('refuses a tokens file it cannot read, naming it', () => {
    writeFileSync(tokensFile(dir), '{"tutor": ', { mode: 0o600 });
    expect(() => loadTokens(dir, ['team-1'], {})).toThrow(/tokens\.json: cannot read the lab's tokens/);
  });

  it("takes the tutor token from the lab's configuration: a file (--tutor-token-file, DRIFTLAB_TUTOR_TOKEN_FILE)", () => {
    const secret = 'a-long-tutor-secret-in-a-file';
    const file = join(dir, 'tutor-token');
    writeFileSync(file, `${secret}\n`, { mode: 0o600 });
    const byFlag = loadTokens(dir, ['team-1'], {}, file);
    expect(byFlag.created.tutor).toBe(false);
    expect(byFlag.tokens.identify(secret)).toEqual({ role: 'tutor' });
    expect(readFileSync(tokensFile(dir), 'utf8')).not.toContain(secret);
    const byVariable = loadTokens(dir, ['team-1'], { DRIFTLAB_TUTOR_TOKEN_FILE: file });
    expect(byVariable.tokens.identify(secret)).toEqual({ role: 'tutor' });

    const missing = join(dir, 'no-such-file');
    expect(() => loadTokens(dir, ['team-1'], {}, missing)).toThrow(
      `tutor token file ${missing}: cannot read the file: ENOENT`,
    );
    // A device that never ends (or any file longer than a line) is refused without reading it all.
    expect(() => loadTokens(dir, ['team-1'], {}, '/dev/zero')).toThrow(
      'tutor token file /dev/zero: the file is larger than 4096 bytes (4 kB), the limit for a tutor token file',
    );
    writeFileSync(file, 'short\n');
    expect(() => loadTokens(dir, ['team-1'], {}, file)).toThrow(
      `tutor token file ${file}: expected at least 16 characters`,
    );
    expect(() => loadTokens(dir, ['team-1'], { DRIFTLAB_TUTOR_TOKEN: secret }, file)).toThrow(
      'DRIFTLAB_TUTOR_TOKEN and a tutor token file',
    );
  });
});
