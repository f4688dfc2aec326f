// `handoff plan status <plan.md>`: the checklist rows (table rows and task items) of a plan
// file, as an aligned table or JSON.
import { resolve } from 'node:path';
import { InputError } from '../errors.js';
import type { Console } from '../io/console.js';
import { readTextFile } from '../io/read-text.js';
import { readPlan as readChecklistRows, type PlanChecklists } from '../plan/checklist.js';
import { formatStatusTable, toStatusJson } from '../plan/format-status.js';

export interface PlanStatusOptions {
  plan: string;
  json: boolean;
  cwd: string;
  console: Console;
}

export interface PlanStatusResult {
  plan: PlanChecklists;
}

export async function runPlanStatus(options: PlanStatusOptions): Promise<PlanStatusResult> {
  const text = await readTextFile(resolve(options.cwd, options.plan), options.plan);
  const plan = await readChecklistRows(text);
  if (plan.tables.length === 0 && plan.tasks.length === 0) {
    throw new InputError([
      { file: options.plan, line: 1, col: 1, path: '', message: 'no checklist (a table with ID and State columns, or a task list) in this file' },
    ]);
  }
  options.console.out(options.json ? `${JSON.stringify(toStatusJson(options.plan, plan), null, 2)}\n` : formatStatusTable(plan));
  return { plan };
}
