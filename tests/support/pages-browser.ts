// The class pages in a real Chromium (the system's, through playwright-core, as the panel's browser
// tests run it) against a real lab: its sign-in, an axe-core check, and screenshots in both themes
// under test-results/pages/.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startLab, type LiveLab } from './live-lab';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const SCREENSHOTS = join(__dirname, '..', '..', 'test-results', 'pages');
const PAGES_DIST = join(__dirname, '..', '..', 'pages', 'dist', 'index.html');
/** Where to write the docs' copies of the screenshots too, when set (docs/images). */
const DOCS_SCREENSHOTS = process.env.DRIFTLAB_DOCS_SCREENSHOTS;

export interface PagesLab {
  readonly lab: LiveLab;
  readonly data: string;
  readonly tutor: string;
  /** Team id → token. */
  readonly teams: Readonly<Record<string, string>>;
  stop(): Promise<void>;
}

/** `driftlab start` in a fresh data directory (no Prometheus), with its tokens read back. */
export async function startPagesLab(args: readonly string[] = []): Promise<PagesLab> {
  if (!existsSync(PAGES_DIST)) throw new Error('pages/dist is missing: run `npm run build` first');
  const data = mkdtempSync(join(tmpdir(), 'driftlab-pages-'));
  const lab = await startLab(['--no-prometheus', '--data', data, ...args]);
  const stored = JSON.parse(readFileSync(join(data, 'tokens.json'), 'utf8')) as {
    tutor: string;
    teams: Record<string, string>;
  };
  return {
    lab,
    data,
    tutor: stored.tutor,
    teams: stored.teams,
    async stop() {
      await lab.stop();
      rmSync(data, { recursive: true, force: true });
    },
  };
}

export interface Chromium {
  readonly browser: Browser;
  /** A fresh context (its own session storage): one person at one browser. */
  context(): Promise<BrowserContext>;
  close(): Promise<void>;
}

export async function launchChromium(): Promise<Chromium> {
  if (!existsSync(CHROMIUM))
    throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install chromium (or set CHROMIUM_PATH)`);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  return {
    browser,
    context: () => browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: 'dark' }),
    close: () => browser.close(),
  };
}

export interface PageLab {
  readonly lab: PagesLab;
  readonly chromium: Chromium;
  /** One tab, watched (watchPage): the test file's person. */
  readonly page: Page;
  readonly problems: () => string[];
}

/** A test file's lab (`driftlab start …args`), Chromium and one watched tab, started together. */
export async function openPageLab(args: readonly string[]): Promise<PageLab> {
  const [lab, chromium] = await Promise.all([startPagesLab(args), launchChromium()]);
  const page = await (await chromium.context()).newPage();
  return { lab, chromium, page, problems: watchPage(page, lab.lab.url) };
}

/** Stops what openPageLab started (whatever of it did start). */
export async function closePageLab(opened: Partial<PageLab> | undefined): Promise<void> {
  await opened?.chromium?.close();
  await opened?.lab?.stop();
}

/** Fails the test on any error the page logs or throws, and on any request outside the lab. */
export function watchPage(page: Page, labUrl: string): () => string[] {
  const problems: string[] = [];
  const origin = new URL(labUrl).origin;
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    // A 4xx the page asked for on purpose (a wrong token) is logged by Chromium as a failed load.
    if (m.type() === 'error' && !/status of 4\d\d/.test(m.text())) problems.push(`console: ${m.text()}`);
  });
  page.on('request', (r) => {
    if (!r.url().startsWith(origin) && !r.url().startsWith('data:'))
      problems.push(`outside request: ${r.url()}`);
    if (/token|bearer/i.test(new URL(r.url()).search)) problems.push(`token in a URL: ${r.url()}`);
  });
  return () => problems;
}

/** Serious and critical axe-core violations (WCAG 2.1 A and AA rules), each as "id: help (n nodes)". */
export async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

/**
 * Screenshots of the page as it is, in Grafana's dark and light themes (the system preference the
 * pages follow), as test-results/pages/<name>-dark.png and -light.png. Checks both themes with axe.
 */
export async function screenshotThemes(page: Page, name: string): Promise<string[]> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const violations: string[] = [];
  for (const colorScheme of ['dark', 'light'] as const) {
    await page.emulateMedia({ colorScheme });
    // (The browser's code as text: this project's type-check has no DOM.)
    await page.evaluate('document.fonts.ready');
    await page.screenshot({ path: join(SCREENSHOTS, `${name}-${colorScheme}.png`), fullPage: true });
    if (DOCS_SCREENSHOTS) {
      // The README's and docs' pictures: the page's first 1,400 pixels (npm run screenshots:pages).
      mkdirSync(DOCS_SCREENSHOTS, { recursive: true });
      const path = join(DOCS_SCREENSHOTS, `${name}-${colorScheme}.png`);
      await page.screenshot({ path, fullPage: true, clip: { x: 0, y: 0, width: 1280, height: 1400 } });
    }
    violations.push(...(await seriousViolations(page)).map((v) => `${colorScheme}: ${v}`));
  }
  await page.emulateMedia({ colorScheme: 'dark' });
  return violations;
}

/** Everything the page keeps outside the tab's session: localStorage, cookies, and its URL. */
export async function keptOutsideSession(page: Page): Promise<string> {
  return page.evaluate('JSON.stringify([{ ...localStorage }, document.cookie, location.href])');
}

/** What the page keeps in the tab's session storage. */
export async function keptInSession(page: Page): Promise<string> {
  return page.evaluate('JSON.stringify({ ...sessionStorage })');
}

/** Signs in on the page at `path` with `token` through its form, as a person would. */
export async function signIn(page: Page, url: string, path: string, token: string): Promise<void> {
  await page.goto(`${url}${path}`);
  await page.getByLabel('Token', { exact: true }).fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
}
