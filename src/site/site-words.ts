// How the site says things both its pages show: a status, a follow-up's due date, a drifting
// selector, where the evidence came from. Plain text (escaped where it is put into a page), so
// colour is never the only sign: each badge carries a symbol and a word. Pure.
import type { FollowupStatus } from '../followups/due-dates.js';
import { formatDuration } from '../text/duration.js';
import { html, type SafeHtml } from './html.js';
import type { EvidenceSource } from './load-site.js';
import type { RuntimeDrift } from './runtime-trend.js';
import { STATUS_TEXT, type FollowupCell, type HandoverStatus } from './site-model.js';

const STATUS_SYMBOL: Record<HandoverStatus, string> = {
  unmet: '✗',
  late: '⚠',
  incomplete: '◐',
  'not-run': '○',
  'as-expected': '✓',
  'no-selectors': '–',
};

export function statusBadge(status: HandoverStatus): SafeHtml {
  return html`<span class="badge badge-${status}"><span aria-hidden="true">${STATUS_SYMBOL[status]} </span>${STATUS_TEXT[status]}</span>`;
}

const FOLLOWUP_CLASS: Record<FollowupStatus, string> = { failed: 'unmet', overdue: 'late', due: 'late', upcoming: 'as-expected', undated: 'no-selectors' };

function days(n: number): string {
  return `${n} day${n === 1 ? '' : 's'}`;
}

/** `overdue 3 days`, `last run failed`, `due today`, `upcoming`, `per pull request`. */
function followupStatusText(cell: Pick<FollowupCell, 'status' | 'daysOverdue'>): string {
  switch (cell.status) {
    case 'failed':
      return 'last run failed';
    case 'overdue':
      return `overdue ${days(cell.daysOverdue)}`;
    case 'due':
      return 'due today';
    case 'upcoming':
      return 'upcoming';
    default:
      return 'no due date';
  }
}

export function followupBadge(cell: Pick<FollowupCell, 'status' | 'daysOverdue'>): SafeHtml {
  const symbol = cell.status === 'failed' ? '✗' : cell.status === 'overdue' || cell.status === 'due' ? '⚠' : cell.status === 'upcoming' ? '◷' : '–';
  return html`<span class="badge badge-${FOLLOWUP_CLASS[cell.status]}"><span aria-hidden="true">${symbol} </span>${followupStatusText(cell)}</span>`;
}

/** `75% of max 2s, 40% slower than its first runs`; '' when there is neither a limit nor a trend. */
export function describeTrendText(drift: RuntimeDrift): string {
  const parts: string[] = [];
  if (drift.share !== null && drift.limitS !== null) parts.push(`${Math.round(drift.share * 100)}% of ${drift.limitName} ${formatDuration(drift.limitS)}`);
  if (drift.growth !== null) {
    const change = Math.round((drift.growth - 1) * 100);
    parts.push(change > 0 ? `${change}% slower than its first runs` : change < 0 ? `${-change}% faster than its first runs` : 'steady');
  }
  return parts.join(', ');
}

/** `training 1.5s, 75% of max 2s, 40% slower than its first runs`. */
export function describeDriftText(drift: RuntimeDrift): string {
  const trend = describeTrendText(drift);
  return `${drift.selectorId} ${formatDuration(drift.lastS)}${trend ? `, ${trend}` : ''}`;
}

/** How a selector's run went, as its log link says: `passed`, `failed, as expected`, `failed, not as expected`. */
export function describeRunText(outcome: string, expect: string, met: boolean): string {
  if (!met) return `${outcome}, not as expected`;
  return expect === 'pass' || expect === 'collect' ? outcome : `${outcome}, as expected`;
}

/** Where the evidence came from, as a sentence's end: `the output folder: out/alpha.evidence.json`. */
export function describeSourceText(source: EvidenceSource): string {
  if (source.kind === 'out') return `the output folder: ${source.path}`;
  if (source.kind === 'handover') return `the published hand-over ${source.folder}`;
  return `none (not run yet; looked in ${source.looked}/ and the published hand-overs)`;
}

/** The same, short, for a table cell: `out/alpha.evidence.json`, `published: plans/…/`, `none`. */
export function describeSourceShort(source: EvidenceSource): string {
  if (source.kind === 'out') return source.path;
  if (source.kind === 'handover') return `published: ${source.folder}`;
  return 'none';
}

/** `2025-10-20 08:00Z`. */
export function shortTime(time: string): string {
  return `${time.slice(0, 10)} ${time.slice(11, 16)}Z`;
}
