import { startSummary, statusLine, textLine, type LogRecord } from './human-format';

const started = (fields: Record<string, unknown>): LogRecord => ({
  level: 'info',
  message: 'lab started',
  components: ['simulator', 'serving', 'exporter'],
  speed: 60,
  worlds: ['credit', 'fraud'],
  serving: 'http://127.0.0.1:8080',
  metrics: 'http://127.0.0.1:8080/metrics',
  tokensFile: '/data/tokens.json',
  ...fields,
});

describe('what the lab says to people', () => {
  it('sums up what runs where, where students go and how tutors get the tokens', () => {
    const lines = startSummary(
      started({
        stack: 'started',
        prometheus: 'http://127.0.0.1:9090',
        alertmanager: 'http://127.0.0.1:9093',
        grafana: 'http://127.0.0.1:3000',
        grafanaAdminPassword: '/data/grafana-admin-password',
        pages: 'http://127.0.0.1:8080',
      }),
    );
    expect(lines).toEqual(
      expect.arrayContaining([
        'driftlab is running: simulator, serving, exporter; speed 60× simulated; worlds credit, fraud',
        '  Lab API       http://127.0.0.1:8080   (/metrics, /openapi.json)',
        '  Prometheus    http://127.0.0.1:9090',
        '  Alertmanager  http://127.0.0.1:9093',
        '  Grafana       http://127.0.0.1:3000',
        '  Team page     http://127.0.0.1:8080/   (students sign in with their team token)',
        '  Control room  http://127.0.0.1:8080/control   (tutor token; projector: http://127.0.0.1:8080/projector)',
        '  Students      open http://127.0.0.1:3000 (the Lab overview; no sign-in needed)',
        '  Grafana admin user admin, password in /data/grafana-admin-password',
        '  Tutor token   in /data/tokens.json (or your DRIFTLAB_TUTOR_TOKEN)',
        '  Team tokens   DRIFTLAB_URL=http://127.0.0.1:8080 DRIFTLAB_TOKEN=<tutor token> npx driftlab lab teams',
      ]),
    );
  });

  it("sends a cohort's teams to their own addresses for the team page", () => {
    const lines = startSummary(
      started({
        pages: 'http://127.0.0.1:8080',
        teams: { 'team-1': 'http://127.0.0.1:8080', 'team-2': 'http://127.0.0.1:8081' },
      }),
    );
    expect(lines).toContain(
      "  Team page     each team's address above   (students sign in with their team token)",
    );
    expect(lines).toContain('  team-2        http://127.0.0.1:8081');
    // A lone serving or exporter serves no pages and says nothing of them.
    expect(startSummary(started({})).some((l) => l.includes('Team page'))).toBe(false);
  });

  it('says which monitoring service was not found and how to get it, or that it is off', () => {
    const missing = startSummary(started({ stack: 'not found' }));
    expect(missing).toContain(
      '  Prometheus    not found on PATH: install it (README, "The full stack without Docker") or run docker compose (docs/docker.md)',
    );
    expect(missing.find((l) => l.startsWith('  Students'))).toMatch(/no Grafana here/);
    expect(startSummary(started({ stack: 'off' }))).toContain('  Grafana       off (--no-prometheus)');
    // A lone component has no monitoring stack to speak of.
    expect(startSummary(started({})).some((l) => l.includes('Prometheus'))).toBe(false);
  });

  it('keeps one status line: simulated time, speed (and when it falls behind), requests, failures, alerts', () => {
    const traffic = (speed: number, failed = 0): LogRecord => ({
      level: 'info',
      message: 'traffic',
      simulatedTime: '2026-01-05T06:10:00.000Z',
      speed,
      requests: { credit: 1200, fraud: 34 },
      failed,
      alertsFiring: 1,
    });
    expect(statusLine(traffic(60), 60)).toBe(
      'simulated 2026-01-05 06:10 · 60× · 1,234 requests · 1 alert firing',
    );
    expect(statusLine(traffic(40, 5), 60)).toBe(
      'simulated 2026-01-05 06:10 · 40× (behind: asked 60×) · 1,234 requests · 5 failed · 1 alert firing',
    );
    expect(statusLine(traffic(60), 60, 30)).toHaveLength(29);
  });

  it('writes other records as short lines with their simple fields', () => {
    const line = textLine({
      level: 'warn',
      message: 'the lab cannot keep --speed 600',
      timestamp: '2026-12-06T10:11:12.000Z',
      askedSpeed: 600,
      nested: { a: 1 },
    });
    expect(line).toBe('10:11:12 warn: the lab cannot keep --speed 600 (askedSpeed 600)');
  });
});
