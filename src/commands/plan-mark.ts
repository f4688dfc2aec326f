import type { Console } from '../io/console.js';

export interface PlanMarkOptions {
  plan: string;
  ids: string[];
  /** `x`, `P` or ` ` (default `x`). */
  state: string;
  note?: string;
  table?: number;
  dryRun: boolean;
  cwd: string;
  console: Console;
}

export interface PlanMarkResult {
  changed: boolean;
}

export async function runPlanMark(options: PlanMarkOptions): Promise<PlanMarkResult> {
  void options;
  throw new Error('plan mark: not implemented yet');
}
