// What publish changes in the plan files and the ledger (docs/publishing.md): the rows of `publish.mark` set
// to their state with a note, and the attempt of `publish.ledger` that cites the hand-over folder
// and its brief. Computed on the files' current bytes, read once; the write is a compare-and-swap
// on those bytes (stillCurrent), so an editor's save in between is never lost.
import { stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { EnvironmentError, InputError, UsageError } from '../errors.js';
import { problemAt } from '../input/check-input.js';
import { defaultMarkNote } from '../input/check-publish.js';
import type { LoadedInput } from '../input/model.js';
import { loadReferenceParser } from '../plan/find-tables.js';
import { appendAttempt } from '../plan/ledger.js';
import { markRows, parseStateOption } from '../plan/mark-rows.js';
import { readText } from './files-on-disk.js';
import type { SummaryMdOptions } from './summary-md.js';

export interface PlanEditsOptions {
  loaded: LoadedInput;
  /** The hand-over's stamp: the default note of a marked row names it. */
  stamp: string;
  /** Day and time of the ledger attempt (the snapshot's). */
  date: string;
  at: Date;
  /** The hand-over folder and its brief, repo-relative: what the ledger entry cites. */
  artifactRel: string;
  brief: string;
}

export interface PlanEdits {
  /** Absolute path → the file's text after the edits. */
  edited: Map<string, string>;
  /** Absolute path → the file's text as read. */
  read: Map<string, string>;
  marks: SummaryMdOptions['marks'];
  ledger: SummaryMdOptions['ledger'];
  /** Whether the plan and ledger files still hold the bytes the edits were computed from. */
  stillCurrent(): Promise<boolean>;
}

export async function planEdits(options: PlanEditsOptions): Promise<PlanEdits> {
  const { loaded } = options;
  const { data } = loaded;
  await loadReferenceParser();
  const read = new Map<string, string>();
  const current = async (file: string): Promise<string> => {
    const abs = resolve(loaded.repoDir, file);
    if (!read.has(abs)) {
      const text = await readText(abs);
      if (text === null) throw new InputError([{ file, line: 1, col: 1, path: '', message: `no such file in the repo (looked in ${dirname(abs)})` }]);
      const mode = (await stat(abs)).mode;
      if ((mode & 0o222) === 0) throw new EnvironmentError(`${file}: the file is read-only (mode ${(mode & 0o777).toString(8)}); make it writable (chmod u+w) and publish again; nothing was published`);
      read.set(abs, text);
    }
    return read.get(abs)!;
  };
  const edited = new Map<string, string>();
  const marks: PlanEdits['marks'] = [];
  for (const [i, mark] of (data.publish?.mark ?? []).entries()) {
    const abs = resolve(loaded.repoDir, mark.file);
    const text = edited.get(abs) ?? (await current(mark.file));
    try {
      const result = markRows(text, { file: mark.file, ids: mark.rows, state: parseStateOption(mark.state), note: mark.note ?? defaultMarkNote(options.stamp), noteOptional: mark.note === undefined });
      edited.set(abs, result.text);
      marks.push(...result.rows.map((m) => ({ file: mark.file, id: m.id, to: m.to, line: m.line })));
    } catch (error) {
      if (error instanceof UsageError || error instanceof InputError) throw new InputError([problemAt(loaded, ['publish', 'mark', i, 'rows'], error.message.split('\n')[0]!)]);
      throw error;
    }
  }
  // The entry cites the hand-over folder and the brief in it; summary.md lists the rest.
  let ledger: PlanEdits['ledger'] = null;
  const ledgerSpec = data.publish?.ledger;
  if (ledgerSpec) {
    const abs = resolve(loaded.repoDir, ledgerSpec.file);
    const text = edited.get(abs) ?? (await current(ledgerSpec.file));
    try {
      const result = appendAttempt(text, { file: ledgerSpec.file, item: ledgerSpec.item, summary: ledgerSpec.summary, artifacts: [options.artifactRel], brief: options.brief, date: options.date, time: options.at, label: ledgerSpec.label });
      edited.set(abs, result.text);
      const entryLine = result.text.split(/\r?\n/)[result.line - 1]?.trim().replace(/^[-*+]\s+/, '') ?? ledgerSpec.summary;
      ledger = { file: ledgerSpec.file, item: ledgerSpec.item ?? null, entry: entryLine };
    } catch (error) {
      if (error instanceof UsageError || error instanceof InputError) throw new InputError([problemAt(loaded, ['publish', 'ledger', ledgerSpec.item ? 'item' : 'file'], error.message.split('\n')[0]!)]);
      throw error;
    }
  }
  return {
    edited,
    read,
    marks,
    ledger,
    async stillCurrent() {
      for (const [abs, text] of read) if ((await readText(abs)) !== text) return false;
      return true;
    },
  };
}
