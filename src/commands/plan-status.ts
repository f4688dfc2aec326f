// `handoff plan status <plan.md>`: the checklist rows of a plan file, as an aligned table or JSON.
import { promises as fs } from 'node:fs';
import { resolve } from 'node:path';
import { EnvironmentError, InputError } from '../errors.js';
import type { Console } from '../io/console.js';
import { readChecklists, type ChecklistTable } from '../plan/checklist.js';
import { formatStatusTable, toStatusJson } from '../plan/format-status.js';

export interface PlanStatusOptions {
  plan: string;
  json: boolean;
  cwd: string;
  console: Console;
}

export interface PlanStatusResult {
  tables: ChecklistTable[];
}

export async function runPlanStatus(options: PlanStatusOptions): Promise<PlanStatusResult> {
  const text = await readPlan(resolve(options.cwd, options.plan), options.plan);
  const tables = await readChecklists(text);
  if (tables.length === 0) {
    throw new InputError([
      { file: options.plan, line: 1, col: 1, path: '', message: 'no checklist table (a table with ID and State columns) in this file' },
    ]);
  }
  options.console.out(options.json ? `${JSON.stringify(toStatusJson(options.plan, tables), null, 2)}\n` : formatStatusTable(tables));
  return { tables };
}

async function readPlan(path: string, shown: string): Promise<string> {
  try {
    return await fs.readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') {
      throw new InputError([{ file: shown, line: 1, col: 1, path: '', message: code === 'EISDIR' ? 'is a folder, not a file' : 'no such file' }]);
    }
    throw new EnvironmentError(`${shown}: cannot read: ${code ?? String(error)}`);
  }
}
