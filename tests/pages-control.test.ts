import type { Locator, Page } from 'playwright-core';
import { labRequest } from './support/live-lab';
import {
  closePageLab,
  openPageLab,
  screenshotThemes,
  signIn,
  type PageLab,
  type PagesLab,
} from './support/pages-browser';

/*
 * The tutor's control room in a real Chromium against a running lab (the credit world only, so the
 * library also shows scenarios this lab cannot start): an incident started, paused, revealed and
 * the lab reset from the page, each checked against the API too; answer keys and team tokens out
 * of the page until asked for; axe-core and screenshots in both themes.
 */

jest.setTimeout(90_000);

const SCENARIO = 'credit-income-drop';

let opened: PageLab;
let lab: PagesLab;
let page: Page;
let problems: () => string[];
/** The start of the scenario's answer key (`what`): in the page only once asked for. */
let answerText: string;

const tutorGet = async (path: string) => (await labRequest(lab.lab.url, 'GET', path, lab.tutor)).json;
const incidentsOfLab = async () =>
  (await tutorGet('/v1/incidents')).incidents as {
    id: string;
    state: string;
    mode: string;
    revealed: boolean;
  }[];
const pageHtml = () => page.content();

beforeAll(async () => {
  opened = await openPageLab(['--world', 'credit']);
  ({ lab, page, problems } = opened);
  const { scenarios } = (await tutorGet('/v1/scenarios')) as {
    scenarios: { id: string; answer: { what: string } }[];
  };
  answerText = scenarios.find((s) => s.id === SCENARIO)!.answer.what.slice(0, 40);
  page.setDefaultTimeout(15_000);
});

afterAll(() => closePageLab(opened));

const region = (name: string): Locator => page.getByRole('region', { name, exact: true });
const incidentRow = (id: string): Locator =>
  region('Incidents')
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: new RegExp(`^${id}(?!\\d)`) }) });

/** Confirms the dialog a ConfirmButton opened. */
async function confirm(title: string, button: string): Promise<void> {
  const dialog = page.getByRole('dialog', { name: title });
  await dialog.getByRole('button', { name: button, exact: true }).click();
  await dialog.waitFor({ state: 'hidden' });
}

describe('the control room', () => {
  it('shows the library with answer keys kept back, and names a missing field of the start form', async () => {
    await signIn(page, lab.lab.url, '/control', lab.tutor);
    const library = region('Scenario library');
    await library.getByRole('rowheader', { name: SCENARIO }).waitFor();
    // A fraud scenario, in a lab that runs the credit world only, says it cannot start here.
    const fraud = library
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: 'fraud-attack-wave' }) });
    expect(await fraud.textContent()).toContain('cannot be started here');
    expect(await pageHtml()).not.toContain(answerText);
    const start = region('Start an incident');
    expect(await start.getByRole('option', { name: /^fraud-/ }).count()).toBe(0);
    await start.getByRole('button', { name: 'Start incident' }).click();
    expect(await start.getByRole('alert').textContent()).toBe(
      'Not started: Scenario: choose a scenario to start',
    );
    expect(await page.getByRole('link', { name: 'Open the projector view' }).getAttribute('href')).toBe(
      '/projector',
    );
  });

  it('starts an announced incident, listed on the page and in the lab', async () => {
    const start = region('Start an incident');
    await start.getByLabel('Scenario').selectOption(SCENARIO);
    await start.getByRole('radio', { name: /^Announced/ }).check();
    await start.getByRole('button', { name: 'Start incident' }).click();
    await start
      .getByRole('status')
      .filter({ hasText: /^Started inc-1 / })
      .waitFor();
    await incidentRow('inc-1').waitFor();
    expect(await incidentsOfLab()).toEqual([expect.objectContaining({ id: 'inc-1', mode: 'announced' })]);
  });

  it('pauses it', async () => {
    const row = incidentRow('inc-1');
    await row.getByRole('button', { name: 'Pause' }).click();
    await row.locator('.badge-paused').waitFor();
    expect((await incidentsOfLab())[0].state).toBe('paused');
    await row.getByRole('button', { name: 'Resume' }).waitFor();
  });

  it('reveals it, the answer key in the page only once "Show answer" is pressed', async () => {
    const row = incidentRow('inc-1');
    await row.getByRole('button', { name: 'Reveal' }).click();
    await confirm('Reveal inc-1?', 'Reveal');
    await row.getByRole('cell', { name: 'revealed', exact: true }).waitFor();
    expect((await incidentsOfLab())[0].revealed).toBe(true);
    expect(await pageHtml()).not.toContain(answerText);
    const show = row.getByRole('button', { name: /^Show answer/ });
    expect(await show.getAttribute('aria-expanded')).toBe('false');
    await show.click();
    await region('Incidents').getByText(answerText).waitFor();
    await row.getByRole('button', { name: /^Hide answer/ }).click();
    expect(await pageHtml()).not.toContain(answerText);
  });

  it('shows incidents, scoreboard, record and teams, tokens hidden, accessible in both themes', async () => {
    await region('Scoreboard').getByRole('rowheader', { name: 'team-1' }).waitFor();
    await region('Record').getByText('incident.reveal').waitFor();
    const tokens = Object.values(lab.teams);
    const text = await page.locator('body').innerText();
    for (const token of tokens) expect(text).not.toContain(token);
    expect(await pageHtml()).not.toContain(tokens[0]);
    expect(await screenshotThemes(page, 'control-room')).toEqual([]);
    // The record's filter asks the lab for one family of actions.
    await region('Record').getByLabel('Show').selectOption('alert.');
    await region('Record').getByText('Nothing recorded under this filter yet.').waitFor();
    await region('Record').getByLabel('Show').selectOption('incident.');
    await region('Record').getByText('incident.pause').waitFor();
    // A token only on request.
    const teams = region('Teams');
    await teams.getByRole('button', { name: /^Show token/ }).click();
    await teams.getByText(lab.teams['team-1'], { exact: true }).waitFor();
    await teams.getByRole('button', { name: /^Hide token/ }).click();
    expect(await page.locator('body').innerText()).not.toContain(lab.teams['team-1']);
  });

  it('resets the lab once confirmed: every incident aborted or ended, and says what it did', async () => {
    await page.getByRole('button', { name: 'Reset the lab' }).click();
    await confirm('Reset the lab?', 'Reset');
    await region('Reset the lab')
      .getByRole('status')
      .filter({ hasText: /^Aborted inc-1\./ })
      .waitFor();
    const states = (await incidentsOfLab()).map((i) => i.state);
    expect(states.length).toBeGreaterThan(0);
    for (const state of states) expect(['aborted', 'ended']).toContain(state);
    await incidentRow('inc-1').locator('.badge-aborted').waitFor();
    expect(problems()).toEqual([]);
  });
});
