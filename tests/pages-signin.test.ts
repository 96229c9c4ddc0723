import type { Page } from 'playwright-core';
import {
  keptInSession,
  keptOutsideSession,
  launchChromium,
  screenshotThemes,
  signIn,
  startPagesLab,
  watchPage,
  type Chromium,
  type PagesLab,
} from './support/pages-browser';

/*
 * The class pages' sign-in in a real Chromium against a running lab: each page asks for the token
 * it needs, says plainly when a token is wrong or of the other role, and keeps the token in the
 * tab's session only (never in a URL, a cookie or localStorage).
 */

jest.setTimeout(120_000);

let lab: PagesLab;
let chromium: Chromium;

beforeAll(async () => {
  [lab, chromium] = await Promise.all([startPagesLab(), launchChromium()]);
});

afterAll(async () => {
  await chromium?.close();
  await lab?.stop();
});

async function fresh(): Promise<{ page: Page; problems: () => string[] }> {
  const page = await (await chromium.context()).newPage();
  return { page, problems: watchPage(page, lab.lab.url) };
}

describe('signing in to the class pages', () => {
  it.each([
    ['/', 'the team page'],
    ['/control', 'the control room'],
    ['/projector', 'the projector'],
  ])('%s (%s) tells a wrong token so, and is accessible in both themes', async (path) => {
    const { page, problems } = await fresh();
    await signIn(page, lab.lab.url, path, 'not-a-token');
    await expectAlert(page, /does not know this token/);
    const name = `signin-${path === '/' ? 'team' : path.slice(1)}`;
    expect(await screenshotThemes(page, name)).toEqual([]);
    expect(problems()).toEqual([]);
  });

  it('tells a team token on the control room, and the tutor token on the team page, what they are', async () => {
    const { page, problems } = await fresh();
    await signIn(page, lab.lab.url, '/control', lab.teams['team-1']);
    await expectAlert(page, /This is a team token/);
    await signIn(page, lab.lab.url, '/', lab.tutor);
    await expectAlert(page, /This is the tutor token/);
    expect(problems()).toEqual([]);
  });

  it('keeps a good token for the tab only: a reload stays signed in, a new tab does not, no token anywhere else', async () => {
    const { page, problems } = await fresh();
    await signIn(page, lab.lab.url, '/', lab.teams['team-1']);
    await page.getByText('Signed in as').waitFor();
    await page.reload();
    await page.getByText('Signed in as').waitFor();
    const token = lab.teams['team-1'];
    expect(await keptOutsideSession(page)).not.toContain(token);
    expect(await keptInSession(page)).toContain(token);
    const other = await (await chromium.context()).newPage();
    await other.goto(`${lab.lab.url}/`);
    await other.getByLabel('Token', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Token', { exact: true }).waitFor();
    expect(await keptInSession(page)).not.toContain(token);
    expect(lab.lab.stderr()).not.toContain(token);
    expect(problems()).toEqual([]);
  });
});

async function expectAlert(page: Page, text: RegExp): Promise<void> {
  const alert = page.getByRole('alert');
  await alert.waitFor();
  expect(await alert.textContent()).toMatch(text);
}
