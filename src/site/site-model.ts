// The index of the site as data: one row per hand-over (who hands what to whom, how its evidence
// stands, which follow-ups are due, which selector is drifting) and one row per follow-up, as
// `handoff due` lists them on --now. Pure: loaded briefs and the due list in, rows out.
import type { EvidenceManifest } from '../evidence/manifest.js';
import { isLate, type DueRow } from '../followups/due-list.js';
import type { FollowupStatus } from '../followups/due-dates.js';
import type { HandoffInput } from '../input/model.js';
import type { EvidenceSource } from './load-site.js';
import { pickDrift, type RuntimeDrift, type RuntimeSeries } from './runtime-trend.js';

/** How a hand-over stands, worst first: the index sorts by it. */
export const STATUSES = ['unmet', 'late', 'incomplete', 'not-run', 'as-expected', 'no-selectors'] as const;
export type HandoverStatus = (typeof STATUSES)[number];

export const STATUS_TEXT: Record<HandoverStatus, string> = {
  unmet: 'not as expected',
  late: 'follow-up overdue',
  incomplete: 'partly run',
  'not-run': 'not run yet',
  'as-expected': 'as expected',
  'no-selectors': 'no selectors',
};

export interface FollowupCell {
  id: string;
  check: string;
  due: string | null;
  status: FollowupStatus;
  daysOverdue: number;
  owner: string | null;
}

export interface HandoverRow {
  /** The page's file name, without folder: `<name>.html` under briefs/. */
  page: string;
  id: string;
  title: string;
  initiative: string;
  phase: string;
  recipient: { initiative: string; phase: string };
  status: HandoverStatus;
  verdict: string;
  /** What the count alone does not say: `2 known failures`, `unmet: parity failed`, `1 not run`; '' when nothing. */
  detail: string;
  selectors: { total: number; asExpected: number; ran: number };
  /** The evidence's run time, ISO 8601 UTC; null without evidence. */
  lastRun: string | null;
  /** Follow-ups overdue, failed or due today, by date. */
  due: FollowupCell[];
  /** The earliest upcoming follow-up, when none is due. */
  next: FollowupCell | null;
  owners: string[];
  drift: RuntimeDrift | null;
  source: EvidenceSource;
}

export interface HandoverFacts {
  page: string;
  input: HandoffInput;
  verdict: string;
  manifest: EvidenceManifest | null;
  source: EvidenceSource;
  series: readonly RuntimeSeries[];
  /** This brief's rows of the due list. */
  followups: readonly DueRow[];
}

function toCell(row: DueRow): FollowupCell {
  return { id: row.id, check: row.check, due: row.schedule.due, status: row.status, daysOverdue: row.daysOverdue, owner: row.owner };
}

function distinct(values: ReadonlyArray<string | null | undefined>): string[] {
  return [...new Set(values.filter((v): v is string => typeof v === 'string' && v !== ''))];
}

export function buildHandoverRow(facts: HandoverFacts): HandoverRow {
  const { input, manifest } = facts;
  const byId = new Map((manifest?.selectors ?? []).map((s) => [s.id, s]));
  const ran = input.selectors.filter((s) => byId.has(s.id)).map((s) => byId.get(s.id)!);
  const selectors = { total: input.selectors.length, ran: ran.length, asExpected: ran.filter((s) => s.met).length };
  const due = facts.followups.filter((r) => isLate(r) || r.status === 'due').map(toCell);
  const upcoming = facts.followups.find((r) => r.status === 'upcoming');
  const status: HandoverStatus =
    selectors.total === 0
      ? 'no-selectors'
      : !manifest
        ? 'not-run'
        : ran.some((s) => !s.met)
          ? 'unmet'
          : facts.followups.some(isLate)
            ? 'late'
            : selectors.ran < selectors.total
              ? 'incomplete'
              : 'as-expected';
  const owners = distinct(input.followups.map((f) => f.owner));
  return {
    page: facts.page,
    id: input.brief.id,
    title: input.brief.title,
    initiative: input.brief.initiative,
    phase: input.brief.phase,
    recipient: { initiative: input.brief.recipient.initiative, phase: input.brief.recipient.phase },
    status,
    verdict: facts.verdict,
    detail: describeDetail(ran, selectors),
    selectors,
    lastRun: manifest?.generated_at ?? null,
    due,
    next: due.length === 0 && upcoming ? toCell(upcoming) : null,
    owners: owners.length > 0 ? owners : distinct(input.selectors.map((s) => s.owner)),
    drift: pickDrift(facts.series),
    source: facts.source,
  };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function describeDetail(ran: EvidenceManifest['selectors'], selectors: HandoverRow['selectors']): string {
  const parts: string[] = [];
  const unmet = ran.filter((s) => !s.met).map((s) => `${s.id} ${s.outcome}`);
  if (unmet.length > 0) parts.push(`not as expected: ${unmet.join(', ')}`);
  const known = ran.filter((s) => s.met && s.expect === 'fail').length;
  if (known > 0) parts.push(plural(known, 'known failure'));
  const skips = ran.filter((s) => s.met && s.expect === 'skip').length;
  if (skips > 0) parts.push(plural(skips, 'expected skip'));
  if (ran.length > 0 && selectors.ran < selectors.total) parts.push(`${selectors.total - selectors.ran} not run`);
  return parts.join('; ');
}

/** Worst first, then by initiative and brief id. */
export function sortHandovers(rows: readonly HandoverRow[]): HandoverRow[] {
  const rank = (s: HandoverStatus): number => STATUSES.indexOf(s);
  return [...rows].sort((a, b) => rank(a.status) - rank(b.status) || a.initiative.localeCompare(b.initiative) || a.id.localeCompare(b.id));
}

/** Whether a row asks for attention (the index's "needs attention" filter). */
export function needsAttention(status: HandoverStatus | FollowupStatus): boolean {
  return status === 'unmet' || status === 'late' || status === 'failed' || status === 'overdue' || status === 'due';
}
