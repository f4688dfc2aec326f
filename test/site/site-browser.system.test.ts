// The site of the fixture repository in a real browser (the system's headless Chromium, through
// playwright-core), from file:// and from a local server under a Pages-like path, at desktop and
// phone widths: everything is on the index, sorting and filtering work, every link resolves,
// nothing fails or goes outside the site, axe finds no serious or critical violation, and no
// payload runs. Screenshots of the index and a brief go to out/site-test/ (with a copy of the
// site) for a reviewer; with HANDOFF_UPDATE_SCREENSHOTS=1 also to docs/images/ for the docs.
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { describeNeedingChromium, launchChromium } from '../helpers/browser.js';
import { makeTempDir, ROOT, runCli } from '../helpers/cli.js';
import { BRIEF_IDS, buildSiteRepo, FOLLOWUPS, INPUTS, PAYLOAD_MARK, SITE_NOW } from './site-fixture.js';

const VIEWPORTS = { desktop: { width: 1280, height: 900 }, phone: { width: 390, height: 844 } } as const;
type ViewportName = keyof typeof VIEWPORTS;
const PAGES_PREFIX = '/site-fixture/';
const REVIEW = join(ROOT, 'out', 'site-test');
const AXE = readFileSync(join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript', '.svg': 'image/svg+xml', '.txt': 'text/plain; charset=utf-8' };

const describeBrowser = describeNeedingChromium();
const tmp = makeTempDir('handoff-site-browser-');
let site = '';
let server: Server | undefined;
let browser: Browser | undefined;
let baseHttp = '';

/** What went wrong while pages were open: console errors, page errors, failed or outside requests, dialogs. */
interface Trouble {
  problems: string[];
}

/** A static server of the site under PAGES_PREFIX, as GitHub Pages serves a project's site. */
function serve(dir: string): Promise<Server> {
  const s = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const inside = url.pathname.startsWith(PAGES_PREFIX) ? decodeURIComponent(url.pathname.slice(PAGES_PREFIX.length)) : null;
    const file = inside === null ? null : join(dir, normalize(inside || 'index.html'));
    if (!file || !file.startsWith(dir) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  return new Promise((resolve) => s.listen(0, '127.0.0.1', () => resolve(s)));
}

async function openContext(viewport: ViewportName, trouble: Trouble, options: { javaScriptEnabled?: boolean } = {}): Promise<BrowserContext> {
  const context = await browser!.newContext({ viewport: VIEWPORTS[viewport], ...options });
  context.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith('file://') && !url.startsWith(baseHttp)) trouble.problems.push(`request outside the site: ${url}`);
  });
  context.on('requestfailed', (request) => {
    // Aborted: cut short by the test's next navigation (the icon, loaded last), not a failure of the site.
    if (request.failure()?.errorText !== 'net::ERR_ABORTED') trouble.problems.push(`request failed: ${request.url()} (${request.failure()?.errorText})`);
  });
  context.on('response', (response) => {
    if (response.status() >= 400) trouble.problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  context.on('page', (page) => {
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') trouble.problems.push(`console ${message.type()} on ${page.url()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => trouble.problems.push(`page error on ${page.url()}: ${error.message}`));
    page.on('dialog', (dialog) => {
      trouble.problems.push(`dialog on ${page.url()}: ${dialog.message()}`);
      void dialog.dismiss();
    });
  });
  return context;
}

const fileUrl = (path: string): string => pathToFileURL(join(site, path)).href;

async function rowsOf(page: Page, table: string): Promise<string[]> {
  return page.$$eval(`#${table} tbody tr`, (rows) => rows.filter((r) => !(r as HTMLElement).hidden).map((r) => (r as HTMLElement).innerText));
}

beforeAll(async () => {
  const repo = await buildSiteRepo(tmp.dir);
  site = join(tmp.dir, 'site');
  const r = await runCli(['site', INPUTS, '--out', site, '--now', SITE_NOW], { cwd: repo });
  if (r.code !== 0) throw new Error(`handoff site exited ${r.code}:\n${r.stderr}`);
  // A copy a reviewer can open after the run, beside the screenshots.
  rmSync(REVIEW, { recursive: true, force: true });
  mkdirSync(REVIEW, { recursive: true });
  cpSync(site, join(REVIEW, 'site'), { recursive: true });
  server = await serve(site);
  baseHttp = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  tmp.cleanup();
});

describeBrowser('the site in headless Chromium', () => {
  for (const viewport of Object.keys(VIEWPORTS) as ViewportName[]) {
    test(`${viewport}: every hand-over and every follow-up is on the index, within the page's width, and the pages are screenshotted`, async () => {
      const trouble: Trouble = { problems: [] };
      const context = await openContext(viewport, trouble);
      const page = await context.newPage();
      await page.goto(fileUrl('index.html'));
      const handovers = await rowsOf(page, 'handovers');
      expect(handovers).toHaveLength(BRIEF_IDS.length);
      const links = await page.$$eval('#handovers tbody a', (as) => as.map((a) => a.getAttribute('href')));
      expect([...links].sort()).toEqual(BRIEF_IDS.map((id) => `briefs/${id}.html`).sort());
      const followups = await rowsOf(page, 'followups');
      for (const id of Object.keys(FOLLOWUPS)) expect(followups.some((row) => row.includes(id))).toBe(true);
      expect(followups.find((row) => row.includes('weekly-training'))).toMatch(/2025-10-17[\s\S]*overdue 8 days/);
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      const index = await page.screenshot({ path: join(REVIEW, `index-${viewport}.png`), fullPage: true });
      expect(index.length).toBeGreaterThan(10_000);

      await page.goto(fileUrl('briefs/gamma.html'));
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      expect(await page.locator('h1').innerText()).toBe('Gamma training hand-over');
      // Its runtime charts are drawn: each image loaded, not empty, within the page's width.
      const charts = await page.$$eval('figure.chart img', (imgs) =>
        (imgs as HTMLImageElement[]).map((img) => ({ src: img.getAttribute('src'), loaded: img.complete && img.naturalWidth > 0, width: img.getBoundingClientRect().width, page: window.innerWidth })),
      );
      expect(charts.map((c) => c.src)).toContain('../charts/gamma/runtime-training.svg');
      for (const chart of charts) {
        expect(chart.loaded).toBe(true);
        expect(chart.width).toBeGreaterThan(100);
        expect(chart.width).toBeLessThanOrEqual(chart.page);
      }
      const brief = await page.screenshot({ path: join(REVIEW, `brief-gamma-${viewport}.png`), fullPage: true });
      expect(brief.length).toBeGreaterThan(10_000);
      if (process.env.HANDOFF_UPDATE_SCREENSHOTS === '1') {
        await page.goto(fileUrl('index.html'));
        await page.screenshot({ path: join(ROOT, 'docs', 'images', `site-index-${viewport}.png`), fullPage: viewport === 'desktop' });
        await page.goto(fileUrl('briefs/gamma.html'));
        await page.screenshot({ path: join(ROOT, 'docs', 'images', `site-brief-${viewport}.png`) });
      }
      await context.close();
      expect(trouble.problems).toEqual([]);
    });
  }

  test('sorting by a column, both ways, and filtering by text and by what needs attention', async () => {
    const trouble: Trouble = { problems: [] };
    const context = await openContext('desktop', trouble);
    const page = await context.newPage();
    await page.goto(fileUrl('index.html'));
    const initiatives = async (): Promise<string[]> => (await rowsOf(page, 'handovers')).map((row) => row.split(' ')[0]!);
    expect(await initiatives()).toEqual(['DELTA-001', 'GAMMA-001', 'ALPHA-001', 'BETA-001']);
    const header = page.locator('#handovers thead th').first();
    await header.getByRole('button').click();
    expect(await initiatives()).toEqual(['ALPHA-001', 'BETA-001', 'DELTA-001', 'GAMMA-001']);
    expect(await header.getAttribute('aria-sort')).toBe('ascending');
    await header.getByRole('button').click();
    expect(await initiatives()).toEqual(['GAMMA-001', 'DELTA-001', 'BETA-001', 'ALPHA-001']);
    expect(await header.getAttribute('aria-sort')).toBe('descending');
    // Dates sort as dates: the follow-ups by their next due date, latest first.
    const due = page.locator('#followups thead th').first();
    await due.getByRole('button').click();
    await due.getByRole('button').click();
    expect((await rowsOf(page, 'followups')).map((row) => row.split(/\s/)[0])).toEqual(['every', '2025-10-31', '2025-10-24', '2025-10-17']);

    await page.getByLabel('Filter', { exact: true }).fill('training');
    expect(await initiatives()).toEqual(['GAMMA-001']);
    expect(await rowsOf(page, 'followups')).toHaveLength(1);
    expect(await page.locator('#filter-count').innerText()).toBe('2 of 8 rows shown');
    await page.getByLabel('Filter', { exact: true }).fill('');
    await page.getByLabel('Show').selectOption('attention');
    expect((await initiatives()).sort()).toEqual(['DELTA-001', 'GAMMA-001']);
    const shown = await page.$$eval('#followups tbody tr:not([hidden]) .fu-id', (ids) => ids.map((id) => id.textContent));
    expect(shown.sort()).toEqual(['daily-reload', 'weekly-training']);
    await context.close();
    expect(trouble.problems).toEqual([]);
  });

  test('without script the index reads the same and offers no control that would do nothing', async () => {
    const trouble: Trouble = { problems: [] };
    const context = await openContext('phone', trouble, { javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(fileUrl('index.html'));
    expect(await rowsOf(page, 'handovers')).toHaveLength(BRIEF_IDS.length);
    expect(await rowsOf(page, 'followups')).toHaveLength(Object.keys(FOLLOWUPS).length);
    expect(await page.locator('#filters').isVisible()).toBe(false);
    expect(await page.locator('#handovers thead button').count()).toBe(0);
    await context.close();
    expect(trouble.problems).toEqual([]);
  });

  test('every link of every page resolves, from file:// and under a Pages path; nothing fails, nothing goes outside', async () => {
    for (const base of ['file', 'http'] as const) {
      const trouble: Trouble = { problems: [] };
      const context = await openContext('desktop', trouble);
      const page = await context.newPage();
      const start = base === 'file' ? fileUrl('index.html') : `${baseHttp}${PAGES_PREFIX}index.html`;
      const pages = [start, ...BRIEF_IDS.map((id) => new URL(`briefs/${id}.html`, start).href)];
      const targets = new Set<string>();
      for (const url of pages) {
        await page.goto(url);
        const hrefs = await page.$$eval('a[href]', (as) => as.map((a) => (a as HTMLAnchorElement).href));
        for (const href of hrefs) if (href.startsWith(base === 'file' ? 'file:' : baseHttp)) targets.add(href);
      }
      expect([...targets].filter((t) => t.includes('/logs/'))).not.toHaveLength(0);
      for (const target of targets) {
        const [path, fragment] = target.split('#') as [string, string | undefined];
        if (base === 'file') expect(existsSync(fileURLToPath(path))).toBe(true);
        else expect((await page.request.get(path)).status()).toBe(200);
        if (fragment) {
          await page.goto(path);
          expect(await page.locator(`[id="${decodeURIComponent(fragment)}"]`).count()).toBe(1);
        }
      }
      await context.close();
      expect(trouble.problems).toEqual([]);
    }
  });

  test('axe finds no serious or critical violation on the index and on every brief page, at both widths', async () => {
    for (const viewport of Object.keys(VIEWPORTS) as ViewportName[]) {
      const trouble: Trouble = { problems: [] };
      const context = await openContext(viewport, trouble);
      const page = await context.newPage();
      for (const path of ['index.html', ...BRIEF_IDS.map((id) => `briefs/${id}.html`)]) {
        await page.goto(fileUrl(path));
        // Evaluated through the DevTools protocol: the page's own policy allows no script but the site's.
        await page.evaluate(AXE);
        const violations = await page.evaluate(async () => {
          type Axe = { run(context: Document, options: object): Promise<{ violations: Array<{ id: string; impact: string; nodes: unknown[] }> }> };
          const axe = (window as unknown as { axe: Axe }).axe;
          // No preload: it fetches the stylesheets again, which the page's policy refuses (and no rule here needs it).
          return (await axe.run(document, { preload: false })).violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length }));
        });
        expect({ path, viewport, serious: violations.filter((v) => v.impact === 'serious' || v.impact === 'critical') }).toEqual({ path, viewport, serious: [] });
      }
      await context.close();
      expect(trouble.problems).toEqual([]);
    }
  });

  test('a script payload in a note, a plan row, a follow-up or a log line leaves no trace of having run', async () => {
    // Once with the pages' Content-Security-Policy and once without it: escaping alone must hold.
    for (const bypassCSP of [false, true]) {
      const trouble: Trouble = { problems: [] };
      const context = await browser!.newContext({ bypassCSP });
      context.on('page', (page) => page.on('dialog', (dialog) => void dialog.dismiss().then(() => trouble.problems.push(`dialog: ${dialog.message()}`))));
      const page = await context.newPage();
      for (const path of ['index.html', ...BRIEF_IDS.map((id) => `briefs/${id}.html`), 'logs/delta/reload.log.txt']) {
        await page.goto(fileUrl(path));
        await page.waitForLoadState('load');
        const trace = await page.evaluate((mark) => ({
          ran: (window as unknown as Record<string, unknown>)[mark] ?? null,
          scripts: [...document.scripts].map((s) => s.getAttribute('src') ?? 'inline'),
          handlers: [...document.querySelectorAll('*')].flatMap((el) => [...el.attributes].filter((a) => a.name.startsWith('on')).map((a) => `${el.tagName} ${a.name}`)),
          // The site's own runtime charts are the only images a page shows; none comes from a payload.
          images: [...document.images].map((img) => img.getAttribute('src') ?? '').filter((src) => !/^\.\.\/charts\/[a-z0-9_-]+\/runtime-[\w.-]+\.svg$/.test(src)),
        }), PAYLOAD_MARK);
        expect({ path, ...trace }).toEqual({ path, ran: null, scripts: path === 'index.html' ? ['site.js'] : [], handlers: [], images: [] });
      }
      // The payloads are there to read, as text.
      await page.goto(fileUrl('briefs/gamma.html'));
      expect(await page.locator('article').innerText()).toContain("<script>window.__pwned = 'note-script'</script>");
      await page.goto(fileUrl('logs/delta/reload.log.txt'));
      expect(await page.evaluate(() => document.contentType)).toBe('text/plain');
      expect(await page.locator('body').innerText()).toContain("<script>window.__pwned = 'log'</script>");
      await context.close();
      expect(trouble.problems).toEqual([]);
    }
  });
});
