// `handoff site` on the fixture repository (real runs, a published hand-over, a drifting history):
// what it writes, what it says about each brief's evidence, that no payload from an input, a plan
// or a log reaches a page as markup, that the same inputs and --now give the same bytes, and that
// it never replaces a folder it did not write. The browser tests are in site-browser.system.test.ts.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { makeTempDir, runCli } from '../helpers/cli.js';
import { BRIEF_IDS, buildSiteRepo, INPUTS, SITE_NOW } from './site-fixture.js';

const tmp = makeTempDir('handoff-site-cli-');
let repo = '';
let site = '';
let stderr = '';

/** Every file of a folder by its path inside it, with its text. */
function tree(dir: string): Map<string, string> {
  const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile());
  return new Map(files.map((d) => relative(dir, join(d.parentPath, d.name))).sort().map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
}

beforeAll(async () => {
  repo = await buildSiteRepo(tmp.dir);
  site = join(tmp.dir, 'site');
  const r = await runCli(['site', INPUTS, '--out', site, '--now', SITE_NOW], { cwd: repo });
  stderr = r.stderr;
  if (r.code !== 0) throw new Error(`handoff site exited ${r.code}:\n${r.stderr}`);
}, 120_000);
afterAll(() => tmp.cleanup());

test('it writes an index, a page per hand-over, the logs as text, and its own stylesheet and script', () => {
  const files = [...tree(site).keys()];
  expect(files).toEqual(
    expect.arrayContaining(['index.html', 'site.css', 'site.js', '.handoff-site', ...BRIEF_IDS.map((id) => `briefs/${id}.html`), 'logs/delta/reload.log.txt', 'logs/beta/stitching.log.txt']),
  );
  expect(files.filter((f) => f.startsWith('briefs/'))).toHaveLength(4);
});

test('it says, for each brief, which evidence it used: the output folder, else the published hand-over', () => {
  expect(stderr).toContain('alpha: evidence from the output folder: out/alpha.evidence.json\n');
  expect(stderr).toContain('beta: evidence from the published hand-over plans/active/BETA-001/reports/2025-10-23T100000Z/\n');
  expect(stderr).toContain('gamma: evidence from the output folder: out/gamma.evidence.json\n');
  expect(stderr).toMatch(/wrote .*index\.html: 4 hand-overs, 4 follow-ups \(2 overdue or failed\)\n$/);
  const beta = readFileSync(join(site, 'briefs', 'beta.html'), 'utf8');
  expect(beta).toContain('from the published hand-over plans/active/BETA-001/reports/2025-10-23T100000Z/');
});

test('the index shows each hand-over with its status, the follow-ups due with their dates, and the drifting selector', () => {
  const index = readFileSync(join(site, 'index.html'), 'utf8');
  const rows = index.slice(index.indexOf('id="handovers"'), index.indexOf('id="followups"'));
  // Worst first: the regression, the overdue follow-up, then the green ones.
  expect([...rows.matchAll(/href="briefs\/(\w+)\.html"/g)].map((m) => m[1])).toEqual(['delta', 'gamma', 'alpha', 'beta']);
  expect(rows).toContain('not as expected: reload failed');
  expect(rows).toContain('1 known failure');
  expect(rows).toMatch(/overdue 8 days<\/span> <span class="fu-id">weekly-training<\/span> <span class="when">2025-10-17<\/span>/);
  expect(rows).toMatch(/&nearr; <\/span>training [\d.]+s, \d+% of max 3s, \d+% slower than its first runs/);
  expect(rows).toContain('next:</span> weekly-smoke <span class="when">2025-10-31</span>');
});

test('no payload from a note, a plan row, a follow-up or a log line is markup in any page', () => {
  for (const [file, text] of tree(site)) {
    if (!file.endsWith('.html')) continue;
    const scripts = [...text.matchAll(/<script\b[^>]*>/gi)].map((m) => m[0]);
    expect(scripts.every((s) => /^<script src="(\.\.\/)?site\.js" defer>$/.test(s))).toBe(true);
    expect(text).not.toMatch(/<img\b(?![^>]*src="\.\.\/charts\/)/i);
    // Real tags only: escaped text (`&lt;img onerror=…`) is what a reader sees, harmless.
    const tags = [...text.matchAll(/<[a-z][^>]*>/gi)].map((m) => m[0]);
    expect(tags.filter((tag) => /\son\w+\s*=/i.test(tag))).toEqual([]);
    expect(tags.filter((tag) => /\s(href|src)="\s*(javascript|data|vbscript):/i.test(tag))).toEqual([]);
    // Nothing is loaded from outside the site: every src and stylesheet is the site's own.
    expect(tags.flatMap((tag) => [...tag.matchAll(/\ssrc="([^"]*)"/g)].map((m) => m[1])).filter((src) => !/^(\.\.\/)?(site\.js|charts\/)/.test(src!))).toEqual([]);
  }
  const gamma = readFileSync(join(site, 'briefs', 'gamma.html'), 'utf8');
  // The payloads are there, as text a reader can see.
  expect(gamma).toContain("&lt;script&gt;window.__pwned = 'note-script'&lt;/script&gt;");
  expect(gamma).toContain("&lt;img src=&quot;x&quot; onerror=&quot;window.__pwned = 'note-img'&quot;&gt;");
  expect(gamma).toContain("Fix &lt;script&gt;window.__pwned = 'plan'&lt;/script&gt;");
  expect(gamma).toContain("[A link that must not run](javascript:window.__pwned='note-link')");
  expect(gamma).toContain('<a href="https://example.org/design">the design note</a>');
  expect(gamma).toContain('<a href="mailto:training@example.org">');
  // An image from elsewhere is a link to it, never loaded.
  expect(gamma).toContain('<a href="https://example.com/pixel.png">image: a picture from elsewhere</a>');
  const index = readFileSync(join(site, 'index.html'), 'utf8');
  expect(index).toContain('Re-time the training run &lt;script&gt;');
  // The log is copied as it is, as plain text: a browser shows it, never runs it.
  expect(readFileSync(join(site, 'logs', 'delta', 'reload.log.txt'), 'utf8')).toContain("<script>window.__pwned = 'log'</script>");
});

test("a brief's log links point at the site's copies", () => {
  const delta = readFileSync(join(site, 'briefs', 'delta.html'), 'utf8');
  expect(delta).toContain('href="../logs/delta/reload.log.txt"');
  const links = [...delta.matchAll(/href="([^"#]+)"/g)].map((m) => m[1]!).filter((h) => !/^(https?|mailto):/.test(h));
  for (const link of links) expect(existsSync(join(site, 'briefs', link))).toBe(true);
});

test('the same inputs and --now give the same site, byte for byte, from another folder too', async () => {
  const again = join(tmp.dir, 'again');
  const r = await runCli(['site', join(repo, INPUTS), '--out', again, '--now', SITE_NOW], { cwd: tmp.dir });
  expect(r.code).toBe(0);
  expect(tree(again)).toEqual(tree(site));
});

test('it replaces a site it wrote (dropping pages it no longer has) and never a folder of other files', async () => {
  const own = join(tmp.dir, 'own');
  expect((await runCli(['site', INPUTS, '--out', own, '--now', SITE_NOW], { cwd: repo })).code).toBe(0);
  const one = await runCli(['site', 'plans/active/ALPHA-001/handoff.yaml', '--out', own, '--now', SITE_NOW], { cwd: repo });
  expect(one.code).toBe(0);
  expect(readdirSync(join(own, 'briefs'))).toEqual(['alpha.html']);

  const mine = join(tmp.dir, 'mine');
  mkdirSync(mine);
  writeFileSync(join(mine, 'notes.txt'), 'my own file\n');
  const refused = await runCli(['site', INPUTS, '--out', mine, '--now', SITE_NOW], { cwd: repo });
  expect(refused.code).toBe(2);
  expect(refused.stderr).toContain(`${mine} holds files that were not written there by this command (no .handoff-site); name a new or empty folder with --out DIR`);
  expect(readdirSync(mine)).toEqual(['notes.txt']);
});

test('a pattern that matches no input is an error naming it; nothing is written', async () => {
  const r = await runCli(['site', 'plans/nowhere/*.yaml', '--out', join(tmp.dir, 'none'), '--now', SITE_NOW], { cwd: repo });
  expect(r.code).toBe(2);
  expect(r.stderr).toContain('plans/nowhere/*.yaml:1:1: no input file matches this pattern');
  expect(existsSync(join(tmp.dir, 'none'))).toBe(false);
});

test('--json prints each hand-over with its page, status and evidence', async () => {
  const r = await runCli(['site', INPUTS, '--out', join(tmp.dir, 'json'), '--now', SITE_NOW, '--json'], { cwd: repo });
  expect(r.code).toBe(0);
  const doc = JSON.parse(r.stdout) as { handovers: Array<{ id: string; page: string; status: string; evidence: { kind: string } }> };
  expect(doc.handovers.map((h) => [h.id, h.status, h.evidence.kind])).toEqual([
    ['alpha', 'as-expected', 'out'],
    ['beta', 'as-expected', 'handover'],
    ['delta', 'unmet', 'out'],
    ['gamma', 'late', 'out'],
  ]);
});

test("a brief's runtime charts are in the site: well-formed SVG, no script or outside reference, shown as images", () => {
  const files = [...tree(site).entries()].filter(([f]) => f.startsWith('charts/'));
  // gamma's drifting selector has a guardrail and 20 runs: a chart, as in its brief.
  expect(files.map(([f]) => f)).toContain('charts/gamma/runtime-training.svg');
  const parser = new XMLParser({ ignoreAttributes: false });
  for (const [file, svg] of files) {
    expect(XMLValidator.validate(svg)).toBe(true);
    const root = parser.parse(svg) as { svg?: { '@_role'?: string; title?: { '#text'?: string }; desc?: { '#text'?: string } } };
    expect(root.svg?.['@_role']).toBe('img');
    // A title and a description for screen readers, with text.
    const [title, desc] = [root.svg?.title?.['#text'] ?? '', root.svg?.desc?.['#text'] ?? ''];
    expect({ file, title: title.length > 10, desc: desc.length > 10 }).toEqual({ file, title: true, desc: true });
    expect(Math.min(root.svg?.title?.['#text']?.length ?? 0, root.svg?.desc?.['#text']?.length ?? 0)).toBeGreaterThan(10);
    expect(svg).not.toMatch(/<script|href=|xlink:|foreignObject|on\w+=|javascript:/i);
  }
  const page = readFileSync(join(site, 'briefs', 'gamma.html'), 'utf8');
  expect(page).toMatch(/<img src="\.\.\/charts\/gamma\/runtime-training\.svg" alt="training: last [^"]+nearest guardrail: [^"]+">/);
});
