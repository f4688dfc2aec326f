// The site's first page: every hand-over in one table and every follow-up in another, readable as
// they are without script. site.js adds sorting (each header becomes a button; `data-sort` holds
// the value a cell sorts by) and filtering (the form is hidden until the script shows it, so no
// control is offered that does nothing). Pure.
import { isLate, type DueRow } from '../followups/due-list.js';
import { describeLastRun } from '../followups/due-dates.js';
import { html, type HtmlValue, type SafeHtml } from './html.js';
import { renderPage } from './page-layout.js';
import { needsAttention, STATUSES, type FollowupCell, type HandoverRow } from './site-model.js';
import { describeDriftText, describeSourceShort, describeSourceText, followupBadge, shortTime, statusBadge } from './site-words.js';

export interface IndexPageOptions {
  handovers: readonly HandoverRow[];
  /** Every follow-up, as the due list sorts them, with the page of its brief. */
  followups: ReadonlyArray<DueRow & { page: string }>;
  /** The day follow-ups are judged on, YYYY-MM-DD. */
  today: string;
  /** Generation time, ISO 8601 UTC. */
  generatedAt: string;
  toolVersion: string;
}

/** A cell: its label (shown before it on a narrow screen) and the value it sorts by. */
function cell(label: string, sort: string | number, content: HtmlValue): SafeHtml {
  // One element inside: on a narrow screen the cell is a grid of its label and this.
  return html`<td data-label="${label}" data-sort="${String(sort)}"><div>${content}</div></td>`;
}

function followupItem(f: FollowupCell): SafeHtml {
  return html`<li>${followupBadge(f)} <span class="fu-id">${f.id}</span>${f.due ? html` <span class="when">${f.due}</span>` : ''}${f.owner ? html` <span class="muted">&middot; ${f.owner}</span>` : ''}</li>`;
}

function handoverRow(row: HandoverRow, index: number): SafeHtml {
  const link = `briefs/${encodeURIComponent(row.page)}`;
  const firstDue = row.due[0]?.due ?? row.next?.due ?? '9999-12-31';
  const share = row.drift?.share ?? row.drift?.growth ?? -1;
  return html`<tr data-index="${index}" data-attention="${needsAttention(row.status) ? '1' : '0'}">
${cell('Hand-over', `${row.initiative} ${row.id}`, html`<a href="${link}"><span class="nowrap">${row.initiative}</span> &rarr; <span class="nowrap">${row.recipient.initiative}</span></a><br><span class="muted">${row.title}</span>`)}
${cell('Phase', `${row.phase} ${row.recipient.phase}`, `${row.phase} → ${row.recipient.phase}`)}
${cell('Status', STATUSES.indexOf(row.status), statusBadge(row.status))}
${cell(
  'As expected',
  row.selectors.total === 0 ? -1 : row.selectors.asExpected / row.selectors.total,
  html`<span title="${row.verdict}">${row.selectors.total === 0 ? '—' : `${row.selectors.asExpected} of ${row.selectors.total}`}</span>${row.detail ? html`<br><span class="muted">${row.detail}</span>` : ''}`,
)}
${cell('Last run', row.lastRun ?? '', row.lastRun ? html`<time datetime="${row.lastRun}">${shortTime(row.lastRun)}</time>` : 'never')}
${cell(
  'Follow-ups due',
  firstDue,
  row.due.length > 0
    ? html`<ul class="plain">${row.due.map(followupItem)}</ul>`
    : row.next
      ? html`<span class="muted">next:</span> ${row.next.id} <span class="when">${row.next.due}</span>`
      : html`<span class="muted">&mdash;</span>`,
)}
${cell('Owner', row.owners.join(', '), row.owners.length > 0 ? row.owners.join(', ') : html`<span class="muted">&mdash;</span>`)}
${cell(
  'Runtime',
  share,
  row.drift ? html`<span class="${row.drift.drifting ? 'drift' : ''}">${row.drift.drifting ? html`<span aria-hidden="true">&nearr; </span>` : ''}${describeDriftText(row.drift)}</span>` : html`<span class="muted">&mdash;</span>`,
)}
${cell('Evidence', row.source.kind, html`<span class="muted small" title="${describeSourceText(row.source)}">${describeSourceShort(row.source)}</span>`)}
</tr>
`;
}

function followupRow(row: DueRow & { page: string }, index: number): SafeHtml {
  const link = `briefs/${encodeURIComponent(row.page)}`;
  const lastRun = describeLastRun(row.schedule.lastRun, row.selectors.length > 0);
  return html`<tr data-index="${index}" data-attention="${needsAttention(row.status) ? '1' : '0'}">
${cell('Next due', row.schedule.due ?? '9999-12-31', row.schedule.due ?? (row.cadenceKind.kind === 'per-pr' ? 'every pull request' : 'on change'))}
${cell('Status', isLate(row) ? 0 : row.status === 'due' ? 1 : 2, followupBadge(row))}
${cell('Follow-up', row.id, html`<span class="fu-id">${row.id}</span><br><span class="muted">${row.check}</span>`)}
${cell('Hand-over', row.brief, html`<a href="${link}">${row.brief}</a>`)}
${cell('Owner', row.owner ?? '', row.owner ?? html`<span class="muted">&mdash;</span>`)}
${cell('Cadence', row.cadence, row.cadence)}
${cell('Last run', row.schedule.lastRun?.time ?? '', lastRun)}
</tr>
`;
}

function headers(names: readonly string[]): SafeHtml {
  return html`<thead><tr>${names.map((n) => html`<th scope="col">${n}</th>`)}</tr></thead>`;
}

function summary(options: IndexPageOptions): string {
  const count = (test: (r: DueRow) => boolean): number => options.followups.filter(test).length;
  const unmet = options.handovers.filter((h) => h.status === 'unmet').length;
  const parts = [
    `${options.handovers.length} hand-over${options.handovers.length === 1 ? '' : 's'}`,
    `${unmet} not as expected`,
    `${options.followups.length} follow-up${options.followups.length === 1 ? '' : 's'}: ${count((r) => r.status === 'overdue')} overdue, ${count((r) => r.status === 'failed')} whose last run failed, ${count((r) => r.status === 'due')} due today`,
  ];
  return `${parts.join(' · ')}.`;
}

export function renderIndexPage(options: IndexPageOptions): string {
  const followupHeaders = ['Next due', 'Status', 'Follow-up', 'Hand-over', 'Owner', 'Cadence', 'Last run'];
  const body = html`<header class="top">
<h1>Hand-overs</h1>
<p class="lede">${summary(options)}</p>
<p class="muted">Follow-ups judged on ${options.today}; generated ${options.generatedAt} by handoff-brief ${options.toolVersion}.</p>
</header>
<main>
<form class="filters" id="filters" role="search" aria-label="Filter the tables" hidden>
<label for="filter-text">Filter</label>
<input type="search" id="filter-text" placeholder="initiative, owner, selector&hellip;" autocomplete="off">
<label for="filter-show">Show</label>
<select id="filter-show"><option value="">everything</option><option value="attention">only what needs attention</option></select>
<output id="filter-count" aria-live="polite"></output>
</form>
<section aria-labelledby="handovers-title">
<h2 id="handovers-title">Every hand-over</h2>
<div class="table-wrap" tabindex="0"><table class="sortable filterable cards" id="handovers">
${headers(['Hand-over', 'Phase', 'Status', 'As expected', 'Last run', 'Follow-ups due', 'Owner', 'Runtime', 'Evidence'])}
<tbody>
${options.handovers.map(handoverRow)}</tbody>
</table></div>
</section>
<section aria-labelledby="followups-title">
<h2 id="followups-title">Every follow-up</h2>
${
  options.followups.length === 0
    ? html`<p class="muted">No hand-over has follow-ups.</p>`
    : html`<div class="table-wrap" tabindex="0"><table class="sortable filterable cards" id="followups">
${headers(followupHeaders)}
<tbody>
${options.followups.map(followupRow)}</tbody>
</table></div>`
}
</section>
</main>
`;
  return renderPage({ title: 'Hand-overs', root: '', body, script: true });
}
