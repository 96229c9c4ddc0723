import { stringify } from 'yaml';
import type { Locator, Page } from 'playwright-core';
import { formatDuration, formatScore } from '../pages/src/core/format';
import { incomeDrop, labRequest } from './support/live-lab';
import {
  closePageLab,
  openPageLab,
  screenshotThemes,
  seriousViolations,
  signIn,
  type PageLab,
  type PagesLab,
} from './support/pages-browser';
import { waitUntil } from './support/wait';

/*
 * The team page in a real Chromium against a running lab: a team sees the incident the tutor
 * announced, diagnoses it through the form, retrains its model through the recovery form (confirmed
 * in the dialog, by keyboard), and after the reveal sees what the incident was, its score and its
 * standing: each as the lab's own API answers it.
 */

jest.setTimeout(120_000);

const SCENARIO = incomeDrop({
  id: 'team-page-income-drop',
  title: 'Applicants look poorer',
  brief: 'Something changed in the credit applications this morning.',
  seed: 9,
  start: '0m',
  duration: '24h',
});

let opened: PageLab;
let lab: PagesLab;
let page: Page;
let problems: () => string[];
let incident: string;

beforeAll(async () => {
  opened = await openPageLab(['--world', 'credit', '--speed', '600']);
  ({ lab, page, problems } = opened);
});

afterAll(() => closePageLab(opened));

const tutor = (method: 'GET' | 'POST', path: string, body?: object) =>
  labRequest(lab.lab.url, method, path, lab.tutor, body);
const team = (path: string) => labRequest(lab.lab.url, 'GET', path, lab.teams['team-1']);
const region = (name: string) => page.getByRole('region', { name });

interface Diagnosis {
  id: number;
  model: string;
  kind: string;
  features: string[];
  score?: { total: number };
  pending?: string;
}
interface Version {
  version: number;
  status: string;
  gates: { passed: boolean; checks: { name: string; passed: boolean }[] } | null;
}

/** How many of credit's predictions have their label so far (the exporter's count, over versions). */
async function labelled(): Promise<number> {
  const metrics = await (await fetch(`${lab.lab.url}/metrics`)).text();
  const counts = metrics.matchAll(
    /^driftlab_window_labelled_predictions\{model="credit",[^}]*window="last_10000"\} (\d+)$/gm,
  );
  return [...counts].reduce((sum, m) => sum + Number(m[1]), 0);
}

/** The cells of a table row (its header cell aside), as the page shows them. */
const cells = (row: Locator) => row.getByRole('cell').allTextContents();

describe('the team page', () => {
  it('shows the incident the tutor announced, and nothing of what it is', async () => {
    const started = await tutor('POST', '/v1/incidents', {
      scenario_yaml: stringify(SCENARIO),
      mode: 'announced',
    });
    expect(started.status).toBe(201);
    incident = started.json.id as string;
    // Diagnose only once the incident has begun in the team's lab, or it is never scored.
    await waitUntil(
      'the onset',
      async () =>
        ((await tutor('GET', `/v1/incidents/${incident}`)).json.onset as Record<string, string>)['team-1'],
      20,
    );
    await signIn(page, lab.lab.url, '/', lab.teams['team-1']);
    const incidents = region('Incidents');
    await incidents.getByRole('heading', { name: SCENARIO.title }).waitFor();
    const shown = await incidents.textContent();
    expect(shown).toContain(SCENARIO.brief);
    expect(shown).not.toContain(SCENARIO.answer.what);
    expect(shown).not.toContain(SCENARIO.id);
  });

  it('sends a diagnosis through the form and lists it as pending', async () => {
    const form = region('Diagnose');
    // Without a kind or an onset the form says what to fix, naming the fields, and sends nothing.
    await form.getByRole('button', { name: 'Send diagnosis' }).click();
    const refused = await form.getByRole('alert').textContent();
    expect(refused).toContain('Kind: choose what kind of problem it is.');
    expect(refused).toContain('Minutes ago: enter how many minutes ago it began');
    expect((await team('/v1/diagnoses')).json.diagnoses).toEqual([]);

    await form.getByLabel('Model').selectOption('credit');
    await form.getByRole('radio', { name: /^covariate/ }).check();
    await form.getByRole('checkbox', { name: 'annual_income' }).check();
    await form.getByLabel('Minutes ago').fill('0');
    await form.getByLabel('Note (optional)').fill('the income histogram moved left');
    await form.getByRole('button', { name: 'Send diagnosis' }).click();
    const answer = form.getByRole('status');
    await answer.waitFor();
    const [sent] = (await team('/v1/diagnoses')).json.diagnoses as Diagnosis[];
    expect(sent).toMatchObject({ model: 'credit', kind: 'covariate', features: ['annual_income'] });
    const pending = 'your score appears when the tutor reveals the incident';
    expect(sent.pending).toBe(pending);
    expect(await answer.textContent()).toBe(`Diagnosis ${sent.id} received: ${pending}.`);

    const row = region('Your diagnoses').getByRole('row').nth(1);
    await row.getByText(pending).waitFor();
    expect(await cells(row)).toEqual(['credit', 'covariate', 'annual_income', expect.any(String), pending]);
  });

  it('retrains through the recovery form, confirmed by keyboard, and shows the new version and its gates', async () => {
    // A retrain takes the last 200 labelled events the log holds (refused under 10): on a slow machine,
    // wait until the exporter has counted 200, so the retrain has enough to pass its gates.
    await waitUntil('200 labelled events', async () => ((await labelled()) >= 200 ? true : undefined), 30);
    const retrain = region('Recovery').getByRole('group', { name: 'Retrain' });
    await retrain.getByLabel('Labelled events').fill('200');
    await retrain.getByLabel('Reason (optional)').fill('incomes moved: train on recent data');
    await retrain.getByRole('button', { name: 'Retrain credit…' }).focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Retrain credit?' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('trained on its last 200 labelled events');
    // The dialog takes the focus (Cancel first); Tab reaches the confirmation.
    await page.keyboard.press('Tab');
    const answered = page.waitForResponse((r) => r.url().endsWith('/v1/models/credit:retrain'), {
      timeout: 60_000,
    });
    await page.keyboard.press('Enter');
    // What the lab answered the page: the rows it trained on (up to the 200 asked: those the labelled
    // log holds by then, which may trail the exporter's count by its last flush).
    const { records } = (await (await answered).json()) as { records: number };
    expect(records).toBeGreaterThanOrEqual(10);
    expect(records).toBeLessThanOrEqual(200);
    const result = region('Recovery').getByRole('status').filter({ hasText: 'trained on' });
    await result.waitFor({ timeout: 60_000 });

    const { versions } = (await team('/v1/models/credit/versions')).json as { versions: Version[] };
    const trained = versions[versions.length - 1];
    expect(trained.version).toBeGreaterThan(1);
    const said = (await result.locator('p').textContent())!;
    expect(said).toMatch(new RegExp(`^credit v${trained.version} trained on ${records} labelled events\\. `));
    expect(said).toContain(trained.gates!.passed ? 'passed the gates and serves now' : 'gates refused it');
    expect(trained.status).toBe(trained.gates!.passed ? 'serving' : 'rejected');
    // Every gate check, passed or failed, as the lab stored it.
    const checks = await result.getByRole('listitem').allTextContents();
    expect(checks.map((c) => /^(passed|failed)(.+?)(?: – .*)?$/s.exec(c)?.slice(1))).toEqual(
      trained.gates!.checks.map((c) => [c.passed ? 'passed' : 'failed', c.name]),
    );
    // The models' table follows: the new version is listed with its status.
    const listed = region('Models').getByRole('row', { name: new RegExp(`^v${trained.version} `) });
    await listed.getByText(trained.status, { exact: true }).waitFor();

    expect(await screenshotThemes(page, 'team-page')).toEqual([]);
  });

  it('after the reveal shows what the incident was, the score and the standing, as the lab gives them', async () => {
    expect((await tutor('POST', `/v1/incidents/${incident}/reveal`)).status).toBe(200);
    const incidents = region('Incidents');
    await incidents.getByText(SCENARIO.answer.what).waitFor({ timeout: 15_000 });
    const [revealed] = (await team('/v1/incidents')).json.incidents as { onset: string }[];
    const began = await page.evaluate(
      (iso) =>
        new Date(iso).toLocaleTimeString([], {
          hour: '2-digit',
          minute: '2-digit',
          second: '2-digit',
          hour12: false,
        }),
      revealed.onset,
    );
    const facts = await incidents.getByRole('definition').allTextContents();
    expect(facts).toEqual([SCENARIO.answer.what, 'covariate', 'credit', 'annual_income', began, SCENARIO.id]);

    const [scored] = (await team('/v1/diagnoses')).json.diagnoses as Diagnosis[];
    expect(scored.score?.total).toBeGreaterThan(0);
    const score = formatScore(scored.score!.total);
    const row = region('Your diagnoses').getByRole('row').nth(1);
    await row.getByRole('cell').last().getByText(score, { exact: true }).waitFor({ timeout: 15_000 });

    const [standing] = (await team('/v1/scoreboard')).json.scoreboard as {
      best: number;
      last: number;
      submissions: number;
      timeToDetectSeconds: number | null;
      timeToRecoverSeconds: number | null;
    }[];
    const expected = [
      formatScore(standing.best),
      formatScore(standing.last),
      String(standing.submissions),
      formatDuration(standing.timeToDetectSeconds),
      formatDuration(standing.timeToRecoverSeconds),
    ];
    expect(standing.best).toBe(scored.score!.total);
    const board = region('Your standing').getByRole('row', { name: new RegExp(`^${SCENARIO.title}`) });
    await waitUntil(
      'the standing',
      async () => ((await cells(board))[0] === expected[0] ? true : undefined),
      15,
    );
    expect(await cells(board)).toEqual(expected);

    expect(await seriousViolations(page)).toEqual([]);
    expect(problems()).toEqual([]);
    expect(lab.lab.stderr()).not.toContain(lab.teams['team-1']);
  });
});
