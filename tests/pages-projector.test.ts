import { stringify } from 'yaml';
import type { Page } from 'playwright-core';
import { incomeDrop, labRequest } from './support/live-lab';
import {
  closePageLab,
  openPageLab,
  screenshotThemes,
  signIn,
  type PageLab,
  type PagesLab,
} from './support/pages-browser';
import { waitUntil } from './support/wait';

/*
 * The projector in a real Chromium against a running lab: it shows the class the incidents it may
 * know of and, once revealed, how the teams scored, in large type; never a hidden incident, a
 * scenario id or a score before the reveal.
 */

jest.setTimeout(120_000);

const ANNOUNCED = incomeDrop({
  id: 'projector-announced',
  title: 'Applicants look poorer',
  brief: 'Something changed in the credit applications.',
  seed: 5,
  start: '1m',
  duration: '3h',
});
const HIDDEN_DROP = incomeDrop({
  id: 'projector-hidden-secret',
  title: 'A secret the class must not see',
  seed: 6,
  start: '1m',
  duration: '3h',
});
/** Another answer than the announced one's, so team-1's diagnosis is scored against that one. */
const HIDDEN = { ...HIDDEN_DROP, answer: { ...HIDDEN_DROP.answer, kind: 'serving', features: [] } };

let opened: PageLab;
let lab: PagesLab;
let page: Page;
let problems: () => string[];

beforeAll(async () => {
  opened = await openPageLab(['--world', 'credit', '--speed', '600']);
  ({ lab, page, problems } = opened);
});

afterAll(() => closePageLab(opened));

const tutor = (method: 'GET' | 'POST', path: string, body?: object) =>
  labRequest(lab.lab.url, method, path, lab.tutor, body);

async function start(scenario: object, mode: 'hidden' | 'announced'): Promise<string> {
  const res = await tutor('POST', '/v1/incidents', { scenario_yaml: stringify(scenario), mode });
  expect(res.status).toBe(201);
  return res.json.id as string;
}

/** The incident's onset in team-1's lab, once its traffic has reached it. */
const onsetOf = (id: string): Promise<string> =>
  waitUntil(
    `incident ${id}'s onset`,
    async () => ((await tutor('GET', `/v1/incidents/${id}`)).json.onset as Record<string, string>)['team-1'],
    20,
  );

describe('the projector', () => {
  let announced: string;
  let hidden: string;

  it('shows an announced incident and nothing of a hidden one', async () => {
    hidden = await start(HIDDEN, 'hidden');
    announced = await start(ANNOUNCED, 'announced');
    await signIn(page, lab.lab.url, '/projector', lab.tutor);
    await page.getByRole('heading', { name: ANNOUNCED.title }).waitFor();
    const text = await page.locator('main').innerText();
    for (const secret of [HIDDEN.title, hidden, HIDDEN.id, ANNOUNCED.id, ANNOUNCED.answer.what])
      expect(text).not.toContain(secret);
    // Before the reveal: who has sent a diagnosis, no score column.
    expect(await page.getByRole('columnheader', { name: 'Best score' }).count()).toBe(0);
    expect(problems()).toEqual([]);
  });

  it("ranks the teams with the lab's own scores once the tutor reveals, in large type, accessibly", async () => {
    const since = await onsetOf(announced);
    const diagnosis = await labRequest(lab.lab.url, 'POST', '/v1/diagnoses', lab.teams['team-1'], {
      model: 'credit',
      kind: 'covariate',
      features: ['annual_income'],
      since,
    });
    expect(diagnosis.status).toBe(201);
    expect((await tutor('POST', `/v1/incidents/${announced}/reveal`)).status).toBe(200);
    const row = (
      (await tutor('GET', '/v1/scoreboard')).json.scoreboard as { incident: string; best: number }[]
    ).find((r) => r.incident === announced)!;
    expect(row.best).toBeGreaterThan(50);
    const card = page.getByRole('region', { name: ANNOUNCED.title });
    await card.getByRole('columnheader', { name: 'Best score' }).waitFor({ timeout: 15_000 });
    const cells = await card
      .getByRole('row', { name: /team-1/ })
      .getByRole('cell')
      .allInnerTexts();
    // Rank, diagnoses, best score, time to detect, time to recover.
    expect(cells.slice(0, 3)).toEqual(['1', '1', String(Math.round(row.best))]);
    expect(await card.innerText()).toContain(ANNOUNCED.answer.what);
    expect(await page.locator('main').innerText()).not.toContain(HIDDEN.title);
    // (The browser's own function: this project's type-check has no DOM types.)
    type Styles = { getComputedStyle(e: unknown): { fontSize: string } };
    const px = (e: unknown) => parseFloat((globalThis as unknown as Styles).getComputedStyle(e).fontSize);
    // Grafana's body text is 14 px: the title three times that, the table close to twice.
    expect(await card.getByRole('heading').evaluate(px)).toBeGreaterThanOrEqual(40);
    expect(await card.getByRole('cell').first().evaluate(px)).toBeGreaterThanOrEqual(24);
    expect(await screenshotThemes(page, 'projector')).toEqual([]);
    expect(problems()).toEqual([]);
  });
});
