// The plan rows a brief shows (`plans:` in the input): the named rows of each plan file's
// checklist tables and task lists. A missing file or row is shown as "not found", never an
// error: `handoff validate` is what reports those.
import { readFile } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import type { PlanRef } from '../input/model.js';
import type { PlanChecklists } from '../plan/checklist.js';

export interface PlanRowView {
  id: string;
  found: boolean;
  /** The state in the file's own symbol (`[x]`, `[D]`, `[✅]`, `[ ]`), the cell as written when it is none, or '' when not found. */
  mark: string;
  /** done, in progress, open, not found, or unknown. */
  state: string;
  task: string;
  /** Section divider or heading above the row, '' when none. */
  section: string;
  /** table or task; '' when not found. */
  format: string;
  /** 1-based line of the row; 0 when not found. */
  line: number;
  /** Where the row is, for people: `table 4, line 55`, `task, line 12`; '' when not found. */
  where: string;
}

export interface PlanView {
  file: string;
  found: boolean;
  rows: PlanRowView[];
}

export interface PlanFileRead {
  /** Absolute path. */
  path: string;
  text: string;
}

const STATE_NAMES = { x: 'done', P: 'in progress', ' ': 'open' } as const;

/**
 * Pure: pick the named rows (first occurrence of each id, in line order) out of a file's
 * checklist rows, tables and task lists alike. States are named by what they mean in that file.
 */
export function selectPlanRows(ref: PlanRef, plan: PlanChecklists | null): PlanView {
  if (plan === null) {
    return { file: ref.file, found: false, rows: ref.rows.map((id) => notFound(id)) };
  }
  return {
    file: ref.file,
    found: true,
    rows: ref.rows.map((id) => {
      const row = plan.rows.find((r) => r.id === id);
      if (!row) return notFound(id);
      return {
        id,
        found: true,
        mark: row.symbol === null ? row.stateText : `[${row.symbol}]`,
        state: row.state === null ? 'unknown' : STATE_NAMES[row.state],
        task: row.task,
        section: row.section,
        format: row.format,
        line: row.line,
        where: row.table === null ? `task, line ${row.line}` : `table ${row.table}, line ${row.line}`,
      };
    }),
  };
}

function notFound(id: string): PlanRowView {
  return { id, found: false, mark: '', state: 'not found', task: '', section: '', format: '', line: 0, where: '' };
}

/**
 * Read each plan file (relative to repoDir) and select its rows with the same checklist reader
 * `plan status` and `plan mark` use, so the brief never disagrees with them. The Markdown
 * parser behind it is loaded only when the input names plans.
 */
export async function readPlanRows(
  plans: readonly PlanRef[],
  repoDir: string,
  /** Absolute path → text to read instead of the file (a plan as `publish` is about to write it). */
  overrides?: ReadonlyMap<string, string>,
): Promise<{ views: PlanView[]; files: PlanFileRead[] }> {
  if (plans.length === 0) return { views: [], files: [] };
  const { readPlan } = await import('../plan/checklist.js');
  const views: PlanView[] = [];
  const files: PlanFileRead[] = [];
  for (const ref of plans) {
    const path = resolve(repoDir, ref.file);
    const inRepo = !relative(repoDir, path).startsWith('..') && !isAbsolute(relative(repoDir, path));
    let text: string | null = null;
    try {
      // A plan outside the repo is not read (validate reports it), just as a missing one.
      if (inRepo) text = overrides?.get(path) ?? (await readFile(path, 'utf8'));
    } catch {
      // Missing or unreadable: shown as not found; validate reports it with a position.
    }
    if (text !== null) files.push({ path, text });
    views.push(selectPlanRows(ref, text === null ? null : await readPlan(text)));
  }
  return { views, files };
}
