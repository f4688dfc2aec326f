// `handoff ledger append <fix_plan.md> --item ID --summary TEXT`: add the next numbered entry
// to an item's Attempts History, keeping every other byte; idempotent for the same entry.
import { resolve } from 'node:path';
import { resolveNow } from '../clock.js';
import { UsageError } from '../errors.js';
import type { Console } from '../io/console.js';
import { updateFileLocked } from '../io/locked-update.js';
import { appendAttempt } from '../plan/ledger.js';

export interface LedgerAppendOptions {
  ledger: string;
  item: string;
  summary: string;
  artifacts: string[];
  /** YYYY-MM-DD; default: today (from --now / SOURCE_DATE_EPOCH / clock). */
  date?: string;
  now?: string;
  dryRun: boolean;
  cwd: string;
  env: NodeJS.ProcessEnv;
  console: Console;
}

export interface LedgerAppendResult {
  attempt: number;
  changed: boolean;
}

export async function runLedgerAppend(options: LedgerAppendOptions): Promise<LedgerAppendResult> {
  const date = options.date !== undefined ? checkDate(options.date) : resolveNow(options.now, options.env).toISOString().slice(0, 10);
  if (options.summary.trim() === '') throw new UsageError('--summary: must not be empty');
  const artifacts = options.artifacts.map((a) => a.trim()).filter((a) => a !== '');
  const result = await updateFileLocked(
    resolve(options.cwd, options.ledger),
    (text) => {
      const appended = appendAttempt(text, { file: options.ledger, item: options.item, summary: options.summary, artifacts, date });
      return { text: appended.text, detail: appended };
    },
    { displayPath: options.ledger, dryRun: options.dryRun },
  );
  const { attempt, existing } = result.detail;
  if (existing) {
    options.console.out(`${options.ledger}: nothing to change ([${options.item}] already has this entry as Attempt #${attempt})\n`);
  } else if (options.dryRun) {
    // The diff library loads only for --dry-run.
    const { formatDiff } = await import('../io/show-diff.js');
    options.console.out(formatDiff(options.ledger, result.before, result.after));
  } else {
    options.console.out(`${options.ledger}: appended Attempt #${attempt} to [${options.item}]\n`);
  }
  return { attempt, changed: result.changed };
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
