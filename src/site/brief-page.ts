// A hand-over's page: how it stands and where its evidence came from, its runtime trends (charts
// when there are some, and always the figures as a table), its logs, then the brief itself as
// HTML (brief-html.ts). Pure: everything it shows is handed in.
import { formatDuration } from '../text/duration.js';
import { html, trusted, type SafeHtml } from './html.js';
import { renderPage } from './page-layout.js';
import { describeDrift, type RuntimeSeries } from './runtime-trend.js';
import type { HandoverRow } from './site-model.js';
import { describeRunText, describeSourceText, describeTrendText, followupBadge, shortTime, statusBadge } from './site-words.js';

export interface BriefPageLog {
  selectorId: string;
  /** The copy in the site, relative to the site's top; null when the log is missing. */
  href: string | null;
  outcome: string;
  expect: string;
  met: boolean;
}

export interface BriefPageChart {
  selectorId: string;
  /** The SVG file, relative to the site's top. */
  href: string;
  alt: string;
}

export interface BriefPageOptions {
  row: HandoverRow;
  /** The brief as sanitised HTML (renderBriefHtml), without its title (the page's heading). */
  briefHtml: string;
  series: readonly RuntimeSeries[];
  charts: readonly BriefPageChart[];
  logs: readonly BriefPageLog[];
}

const ROOT = '../';

function trendTable(series: readonly RuntimeSeries[]): SafeHtml {
  const rows = series.filter((s) => s.runs.length > 0);
  if (rows.length === 0) return html`<p class="muted">No runs in the history yet.</p>`;
  return html`<div class="table-wrap" tabindex="0"><table class="compact">
<thead><tr><th scope="col">Selector</th><th scope="col">Runs</th><th scope="col">First</th><th scope="col">Last</th><th scope="col">Slowest</th><th scope="col">Guardrails</th><th scope="col">Trend</th></tr></thead>
<tbody>
${rows.map((s) => {
  const durations = s.runs.map((r) => r.durationS);
  const drift = describeDrift(s);
  const limits = [
    s.runtime?.max !== undefined ? `max ${formatDuration(s.runtime.max)}` : '',
    s.runtime?.warn !== undefined ? `warn ${formatDuration(s.runtime.warn)}` : '',
    s.runtime?.expected !== undefined ? `expected ${formatDuration(s.runtime.expected)}` : '',
  ].filter(Boolean);
  return html`<tr><th scope="row">${s.selectorId}</th><td>${s.runs.length}</td><td>${formatDuration(durations[0]!)}</td><td>${formatDuration(durations.at(-1)!)}</td><td>${formatDuration(Math.max(...durations))}</td><td>${limits.length > 0 ? limits.join(', ') : '—'}</td><td class="${drift?.drifting ? 'drift' : ''}">${(drift && describeTrendText(drift)) || '—'}</td></tr>
`;
})}</tbody>
</table></div>`;
}

function charts(list: readonly BriefPageChart[]): SafeHtml {
  if (list.length === 0) return html``;
  return html`<div class="charts">
${list.map((c) => html`<figure class="chart"><img src="${ROOT}${c.href}" alt="${c.alt}"><figcaption>${c.selectorId}</figcaption></figure>\n`)}</div>
`;
}

function logList(logs: readonly BriefPageLog[]): SafeHtml {
  if (logs.length === 0) return html`<p class="muted">No logs: the hand-over has no evidence yet.</p>`;
  return html`<ul class="logs">
${logs.map(
  (l) =>
    html`<li>${l.href ? html`<a href="${ROOT}${l.href}">${l.selectorId}.log</a>` : html`${l.selectorId}.log <span class="muted">(missing)</span>`} <span class="muted">${l.met ? '✓' : '✗'} ${describeRunText(l.outcome, l.expect, l.met)}</span></li>\n`,
)}</ul>
`;
}

export function renderBriefPage(options: BriefPageOptions): string {
  const { row } = options;
  const followups = row.due.length > 0 ? html`<ul class="plain">${row.due.map((f) => html`<li>${followupBadge(f)} ${f.id}${f.due ? ` (${f.due})` : ''}${f.owner ? ` · ${f.owner}` : ''}</li>`)}</ul>` : html`none`;
  const body = html`<header class="top">
<nav aria-label="Site"><a href="${ROOT}index.html">&larr; Every hand-over</a></nav>
<h1>${row.title}</h1>
<p class="lede">${statusBadge(row.status)} ${row.initiative} ${row.phase} &rarr; ${row.recipient.initiative} ${row.recipient.phase}</p>
<dl class="facts">
<dt>Verdict</dt><dd>${row.verdict}</dd>
<dt>Evidence</dt><dd>from ${describeSourceText(row.source)}</dd>
<dt>Last run</dt><dd>${row.lastRun ? html`<time datetime="${row.lastRun}">${shortTime(row.lastRun)}</time>` : 'never'}</dd>
<dt>Follow-ups due</dt><dd>${followups}</dd>
</dl>
</header>
<main>
<section aria-labelledby="trends-title">
<h2 id="trends-title">Runtime trends</h2>
${charts(options.charts)}${trendTable(options.series)}
</section>
<section aria-labelledby="logs-title">
<h2 id="logs-title">Logs</h2>
${logList(options.logs)}</section>
<article class="brief" aria-label="The brief">
${trusted(options.briefHtml)}</article>
</main>
`;
  return renderPage({ title: `${row.title} — hand-over`, root: ROOT, body, script: false });
}
