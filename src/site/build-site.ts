// The files of the site, from the loaded briefs: index.html, a page per hand-over under briefs/,
// its charts under charts/<brief>/, copies of its logs under logs/<brief>/ (as .txt, so every
// browser and GitHub Pages shows them as plain text, never as a page), the stylesheet and the
// script. Every link is relative, so the site works from file:// and from any Pages path.
// Pure but for the logs, which are named here and copied by the writer.
import { dirname, resolve } from 'node:path';
import type { FolderFile } from '../io/replace-folder.js';
import { listDue, type DueRow } from '../followups/due-list.js';
import { SITE_CSS, SITE_ICON, SITE_JS } from './assets.js';
import { renderBriefHtml } from './brief-html.js';
import { renderBriefPage, type BriefPageLog } from './brief-page.js';
import { renderIndexPage } from './index-page.js';
import type { SiteBrief } from './load-site.js';
import { renderRuntimeCharts } from './runtime-charts.js';
import { buildRuntimeSeries } from './runtime-trend.js';
import { buildHandoverRow, sortHandovers, type HandoverRow } from './site-model.js';

/** The file that marks a folder as a site `handoff site` wrote, and may replace. */
export const SITE_MARKER = '.handoff-site';

export interface BuildSiteOptions {
  /** The day follow-ups are judged on, YYYY-MM-DD. */
  today: string;
  generatedAt: string;
  toolVersion: string;
}

export interface BuiltSite {
  files: FolderFile[];
  handovers: HandoverRow[];
  followups: DueRow[];
}

/** A page name per brief: its id, numbered when two inputs share one. */
function pageNames(briefs: readonly SiteBrief[]): string[] {
  const used = new Map<string, number>();
  return briefs.map((b) => {
    const id = b.loaded.data.brief.id;
    const n = (used.get(id) ?? 0) + 1;
    used.set(id, n);
    return n === 1 ? id : `${id}-${n}`;
  });
}

/** A link as the brief writes it, without its fragment or query, decoded; null when it does not decode. */
function linkPath(href: string): string | null {
  try {
    return decodeURIComponent(href.replace(/[?#].*$/, ''));
  } catch {
    return null;
  }
}

export function buildSite(briefs: readonly SiteBrief[], options: BuildSiteOptions): BuiltSite {
  const names = pageNames(briefs);
  const pageOfFile = new Map(briefs.map((b, i) => [b.loaded.file, `${names[i]!}.html`]));
  const followups = listDue(
    briefs.map((b) => ({ input: b.loaded.data, file: b.loaded.file, lastRuns: b.lastRuns })),
    options.today,
  );
  const files: FolderFile[] = [
    { path: 'site.css', text: SITE_CSS },
    { path: 'site.js', text: SITE_JS },
    { path: 'site-icon.svg', text: SITE_ICON },
    { path: SITE_MARKER, text: 'Written by `handoff site`: the next `handoff site --out` to this folder replaces it whole.\n' },
  ];
  const handovers: HandoverRow[] = [];
  for (const [i, b] of briefs.entries()) {
    const name = names[i]!;
    const page = `${name}.html`;
    const series = buildRuntimeSeries(b.loaded.data.selectors, b.history);
    const row = buildHandoverRow({
      page,
      input: b.loaded.data,
      verdict: b.brief.verdict,
      manifest: b.evidence?.manifest ?? null,
      source: b.source,
      series,
      followups: followups.filter((f) => f.file === b.loaded.file),
    });
    handovers.push(row);

    const logByPath = new Map<string, string>();
    const logs: BriefPageLog[] = [];
    const outcomes = new Map((b.evidence?.manifest.selectors ?? []).map((s) => [s.id, s]));
    for (const log of b.logs) {
      const href = log.exists ? `logs/${name}/${log.selectorId}.log.txt` : null;
      if (href) {
        files.push({ path: href, copyFrom: log.path });
        logByPath.set(log.path, href);
      }
      const s = outcomes.get(log.selectorId);
      logs.push({ selectorId: log.selectorId, href, outcome: s?.outcome ?? 'not run', expect: s?.expect ?? 'pass', met: s?.met ?? false });
    }
    const charts = renderRuntimeCharts(series).map((c) => {
      const href = `charts/${name}/${c.fileName}`;
      files.push({ path: href, text: c.svg });
      return { selectorId: c.selectorId, href, alt: c.alt };
    });
    const briefDir = dirname(b.brief.path);
    const briefHtml = renderBriefHtml(b.brief.text, {
      dropTitle: true,
      mapLink: (href) => {
        const path = linkPath(href);
        const copy = path === null ? undefined : logByPath.get(resolve(briefDir, path));
        return copy === undefined ? null : `../${copy}`;
      },
    });
    files.push({ path: `briefs/${page}`, text: renderBriefPage({ row, briefHtml, series, charts, logs }) });
  }
  const withPages = followups.map((f) => ({ ...f, page: pageOfFile.get(f.file)! }));
  files.push({
    path: 'index.html',
    text: renderIndexPage({ handovers: sortHandovers(handovers), followups: withPages, today: options.today, generatedAt: options.generatedAt, toolVersion: options.toolVersion }),
  });
  return { files, handovers, followups };
}
