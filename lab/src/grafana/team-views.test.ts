import { StandInGrafana } from './fake-grafana';
import { GrafanaApi, GrafanaApiError } from './grafana-api';
import { openTeamViews, SHARED_FOLDER_UID } from './team-views';

const PASSWORD = 'Admin-Secret#7';

describe("a cohort lab's Grafana team views", () => {
  let grafana: StandInGrafana;
  let api: GrafanaApi;
  const tokens = { 'team-1': 'token-of-team-one-xxxxxxxx', 'team-2': 'token-of-team-two-yyyyyyyy' };
  beforeEach(async () => {
    grafana = await new StandInGrafana(PASSWORD).start();
    api = new GrafanaApi({ url: grafana.url, user: 'admin', password: PASSWORD });
  });
  afterEach(() => grafana.stop());

  it('gives each team a folder of its own dashboards that only its Grafana team may open', async () => {
    const views = await openTeamViews(api, tokens);
    expect(views.map((v) => [v.team, v.folder, v.login])).toEqual([
      ['team-1', 'driftlab-team-1', 'team-1'],
      ['team-2', 'driftlab-team-2', 'team-2'],
    ]);
    // The shared folder shows every team: admins only.
    expect(grafana.folders.get(SHARED_FOLDER_UID)!.permissions).toEqual([]);
    for (const view of views) {
      const team = grafana.teams.find((t) => t.name === view.team)!;
      const user = grafana.users.find((u) => u.login === view.login)!;
      expect(user.password).toBe(tokens[view.team as keyof typeof tokens]);
      expect(team.members).toEqual([user.id]);
      expect(grafana.folders.get(view.folder)!.permissions).toEqual([{ teamId: team.id, permission: 1 }]);
      expect(view.dashboards).toHaveLength(4);
      for (const uid of view.dashboards) {
        const saved = grafana.dashboards.get(uid)!;
        expect(saved.folderUid).toBe(view.folder);
        const variables = (saved.dashboard.templating as { list: { name: string; query: unknown }[] }).list;
        expect(variables.find((v) => v.name === 'team')!.query).toBe(view.team);
      }
    }
  });

  it('can run again: no second team, user or membership, and the password follows the token', async () => {
    await openTeamViews(api, tokens);
    await openTeamViews(api, { ...tokens, 'team-2': 'a-new-token-for-team-two-zz' });
    expect(grafana.teams.map((t) => [t.name, t.members.length])).toEqual([
      ['team-1', 1],
      ['team-2', 1],
    ]);
    expect(grafana.users.map((u) => [u.login, u.password])).toEqual([
      ['team-1', tokens['team-1']],
      ['team-2', 'a-new-token-for-team-two-zz'],
    ]);
    expect(grafana.dashboards.size).toBe(8);
  });

  it('fails naming the call when Grafana fails, and never with a token in the message', async () => {
    grafana.failMembers = true;
    const error = await openTeamViews(api, tokens).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GrafanaApiError);
    expect((error as Error).message).toMatch(
      /^GET \/api\/teams\/10\/members failed: HTTP 500: database is locked/,
    );
    expect((error as Error).message).not.toContain(tokens['team-1']);
  });
});
