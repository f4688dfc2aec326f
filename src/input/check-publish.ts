// What `validate` checks in the plan and ledger files the input names, so that a typo is found
// before a run, not by `publish` after it: the rows of `plans:` and of `publish.mark` are in
// their plan files (and, for `publish.mark`, can be marked: one row per id, a State cell, room
// for the note), and the `publish.ledger` item is in the ledger and can take an entry. Each is a
// finding against the repo (exit 1), at the field that names the row or item. Files that are
// missing were reported already (check-repo.ts) and are skipped here.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { InputError, UsageError, type Problem } from '../errors.js';
import type { ChecklistRow } from '../plan/checklist.js';
import { closestName } from '../text/edit-distance.js';
import { problemAt } from './check-input.js';
import type { FieldPath, LoadedInput } from './model.js';

/** The note publish writes on a `publish.mark` row that has no `note` of its own. */
export function defaultMarkNote(stamp: string): string {
  return `Handoff brief published (${stamp})`;
}

async function readRepoFile(loaded: LoadedInput, file: string): Promise<string | null> {
  return readFile(resolve(loaded.repoDir, file), 'utf8').catch(() => null);
}

async function readRows(text: string): Promise<ChecklistRow[]> {
  const { readPlan } = await import('../plan/checklist.js');
  return (await readPlan(text)).rows;
}

/** "plan X has no row B5; did you mean B4?" for each named row the plan lacks. */
function unknownRows(loaded: LoadedInput, file: string, wanted: readonly string[], rows: ChecklistRow[], pathOf: (j: number) => FieldPath): Problem[] {
  const ids = [...new Set(rows.map((r) => r.id).filter((id) => id !== ''))];
  return wanted.flatMap((id, j) => {
    if (ids.includes(id)) return [];
    const close = closestName(id, ids);
    const hint = close ? `; did you mean ${close}?` : ids.length > 0 ? `; rows there: ${ids.join(', ')}` : '; it has no checklist rows';
    return [problemAt(loaded, pathOf(j), `plan ${file} has no row ${id}${hint}`)];
  });
}

/** Plan rows named in `plans:` that the plan file does not have. */
export async function checkPlanRows(loaded: LoadedInput, index: number, missingFiles: Set<string>): Promise<Problem[]> {
  const plan = loaded.data.plans[index]!;
  if (missingFiles.has(plan.file) || plan.rows.length === 0) return [];
  const text = await readRepoFile(loaded, plan.file);
  if (text === null) return [];
  return unknownRows(loaded, plan.file, plan.rows, await readRows(text), (j) => ['plans', index, 'rows', j]);
}

/**
 * The rows of one `publish.mark` entry: each is in the plan, names one row only, and can be
 * marked as publish will mark it (the same markRows call, on a copy, per row).
 */
export async function checkMarkRows(loaded: LoadedInput, index: number, missingFiles: Set<string>): Promise<Problem[]> {
  const mark = loaded.data.publish!.mark[index]!;
  if (missingFiles.has(mark.file)) return [];
  const text = await readRepoFile(loaded, mark.file);
  if (text === null) return [];
  const rowsPath = (j: number): FieldPath => ['publish', 'mark', index, 'rows', j];
  const rows = await readRows(text);
  const problems = unknownRows(loaded, mark.file, mark.rows, rows, rowsPath);
  const { markRows, parseStateOption } = await import('../plan/mark-rows.js');
  for (const [j, id] of mark.rows.entries()) {
    const hits = rows.filter((r) => r.id === id);
    if (hits.length > 1) {
      problems.push(problemAt(loaded, rowsPath(j), `plan ${mark.file} has row ${id} ${hits.length} times (lines ${hits.map((r) => r.line).join(', ')}); publish cannot tell which to mark`));
      continue;
    }
    if (hits.length === 0) continue;
    try {
      markRows(text, { file: mark.file, ids: [id], state: parseStateOption(mark.state), note: mark.note ?? defaultMarkNote('STAMP'), noteOptional: mark.note === undefined });
    } catch (error) {
      if (!(error instanceof InputError || error instanceof UsageError)) throw error;
      const first = error instanceof InputError ? error.problems[0] : undefined;
      const path = first && /^cannot add the note/.test(first.message) ? ['publish', 'mark', index, 'note'] : rowsPath(j);
      const message = first ? `plan ${mark.file} line ${first.line}, row ${id}: ${first.message}` : error.message.split('\n')[0]!;
      problems.push(problemAt(loaded, path, message));
    }
  }
  return problems;
}

/**
 * The `publish.ledger` item: in the ledger ("did you mean" when a close one is), and able to take
 * an entry (a heading Markdown reads as one, named once; without `item`, a top-level Attempts
 * History). The entry itself is computed as publish would, on a copy, and dropped.
 */
export async function checkLedgerItem(loaded: LoadedInput, missingFiles: Set<string>): Promise<Problem[]> {
  const ledger = loaded.data.publish?.ledger;
  if (!ledger || missingFiles.has(ledger.file)) return [];
  const text = await readRepoFile(loaded, ledger.file);
  if (text === null) return [];
  const path: FieldPath = ['publish', 'ledger', ledger.item !== undefined ? 'item' : 'file'];
  // One after the other: the three share modules, and Jest's module loader (tests call the CLI in
  // process) cannot link one module for two imports at once.
  const { parseMarkdown } = await import('../plan/mdast-parse.js');
  const { readLedger } = await import('../plan/ledger-items.js');
  const { appendAttempt } = await import('../plan/ledger.js');
  const doc = readLedger(text, parseMarkdown(text));
  const ids = [...new Set(doc.items.map((i) => i.id))];
  const item = ledger.item;
  if (item !== undefined && ids.length > 0 && !ids.includes(item) && !doc.broken.some((b) => b.id === item)) {
    const close = closestName(item, ids);
    return [problemAt(loaded, path, `ledger ${ledger.file} has no item [${item}]${close ? `; did you mean [${close}]?` : `; items there: ${ids.join(', ')}`}`)];
  }
  if (item === undefined && !doc.history) {
    return [problemAt(loaded, path, `ledger ${ledger.file} has no top-level "## Attempts History" section to add an entry to; name the item the entry goes under with item:`)];
  }
  try {
    appendAttempt(text, { file: ledger.file, item, summary: ledger.summary, artifacts: [], date: '2000-01-01', time: new Date(0), label: ledger.label });
    return [];
  } catch (error) {
    if (!(error instanceof InputError || error instanceof UsageError)) throw error;
    const first = error instanceof InputError ? error.problems[0] : undefined;
    const message = first ? `ledger ${ledger.file} line ${first.line}: ${first.message}` : error.message.split('\n')[0]!;
    return [problemAt(loaded, path, message)];
  }
}
