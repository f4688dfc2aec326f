// `handoff ledger append <fix_plan.md> [--item ID] --summary TEXT`: add the next entry to an
// item's Attempts History in the item's own style (numbered or timestamped, its bullet, its
// order), or, without --item, a section to the ledger's top-level Attempts History; keeping
// every other byte; idempotent for the same entry.
import { resolve } from 'node:path';
import { resolveNow } from '../clock.js';
import { formatProblem, UsageError } from '../errors.js';
import type { Console } from '../io/console.js';
import { updateFileLocked } from '../io/locked-update.js';
import { appendAttempt, type AppendAttemptResult } from '../plan/ledger.js';

export interface LedgerAppendOptions {
  ledger: string;
  /** The item; none: a new section of the top-level Attempts History. */
  item?: string;
  summary: string;
  artifacts: string[];
  /** YYYY-MM-DD; default: today (from --now / SOURCE_DATE_EPOCH / clock). */
  date?: string;
  /** Names a timestamped entry, or titles a history section. */
  label?: string;
  now?: string;
  dryRun: boolean;
  cwd: string;
  env: NodeJS.ProcessEnv;
  console: Console;
}

export interface LedgerAppendResult {
  /** The attempt number of a numbered entry; null for timestamped entries and sections. */
  attempt: number | null;
  changed: boolean;
  detail: AppendAttemptResult;
}

export async function runLedgerAppend(options: LedgerAppendOptions): Promise<LedgerAppendResult> {
  const now = resolveNow(options.now, options.env);
  const date = options.date !== undefined ? checkDate(options.date) : now.toISOString().slice(0, 10);
  // An explicit --date without --now says nothing about the time of day: a timestamped entry
  // then asks for --now rather than inventing one.
  const time = options.date !== undefined && options.now === undefined ? undefined : now;
  if (options.summary.trim() === '') throw new UsageError('--summary: must not be empty');
  if (options.item !== undefined && options.item.trim() === '') throw new UsageError('--item: must not be empty');
  const artifacts = options.artifacts.map((a) => a.trim()).filter((a) => a !== '');
  const result = await updateFileLocked(
    resolve(options.cwd, options.ledger),
    (text) => {
      const appended = appendAttempt(text, { file: options.ledger, item: options.item, summary: options.summary, artifacts, date, time, label: options.label });
      return { text: appended.text, detail: appended };
    },
    { displayPath: options.ledger, dryRun: options.dryRun },
  );
  const detail = result.detail;
  for (const w of detail.warnings) options.console.err(`warning: ${formatProblem(w)}\n`);
  const where = options.item === undefined ? 'the Attempts History' : `[${options.item}]`;
  if (detail.existing) {
    const what = detail.attempt !== null ? `this entry as Attempt #${detail.attempt}` : detail.style === 'section' ? `this section (line ${detail.line})` : `this entry (line ${detail.line})`;
    options.console.out(`${options.ledger}: nothing to change (${where} already has ${what})\n`);
  } else if (options.dryRun) {
    // The diff library loads only for --dry-run.
    const { formatDiff } = await import('../io/show-diff.js');
    options.console.out(formatDiff(options.ledger, result.before, result.after));
  } else if (detail.attempt !== null) {
    options.console.out(`${options.ledger}: appended Attempt #${detail.attempt} to ${where}\n`);
  } else {
    const what = detail.style === 'section' ? 'a section' : 'an entry';
    options.console.out(`${options.ledger}: added ${what} to ${where} at line ${detail.line}\n`);
  }
  return { attempt: detail.attempt, changed: result.changed, detail };
}

/** YYYY-MM-DD that is a real calendar date. */
function checkDate(value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
  if (!d || d.toISOString().slice(0, 10) !== value) {
    throw new UsageError(`--date: "${value}" is not a date; use YYYY-MM-DD, e.g. 2025-10-19`);
  }
  return value;
}
